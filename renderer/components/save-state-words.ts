import { unwritableWords } from '../../electron/common/encodings.ts';
import { shortRev } from '../short-revs.ts';
import type { OpenDocument } from '../state/open-document.ts';
import type { SaveState } from '../state/save-state.ts';
import type { TransferView } from '../state/transfers.ts';

type SavedDocument = Pick<OpenDocument, 'saveState' | 'dirty' | 'restored'>;

function stateWords(
  document: SavedDocument,
  transfer: TransferView | null,
  shortOf: (rev: string) => string,
): string {
  const state = document.saveState;
  switch (state.kind) {
    case 'saving':
      return transfer?.direction === 'upload' ? `Saving ${transfer.percent} %` : 'Saving…';
    case 'saved':
      return document.dirty
        ? `Saved rev ${shortOf(state.rev)} · Unsaved changes`
        : `Saved rev ${shortOf(state.rev)}`;
    case 'conflict':
      return state.remote
        ? `Conflict: Dropbox has rev ${shortOf(state.remote.rev)}`
        : 'Conflict: the file was deleted in Dropbox';
    case 'copied':
      return `Your version was saved as ${state.path}`;
    case 'pending':
      return 'Offline: pending upload';
    case 'needs_confirmation':
      return 'Waiting for confirmation';
    case 'error':
      return state.message;
    case 'unwritable':
      return `Not saved: ${unwritableWords(state.unwritable)}`;
    case 'idle':
      if (document.restored) return 'Restored · Unsaved';
      return document.dirty ? 'Unsaved' : 'Saved';
  }
}

/**
 * The status bar's words for the document's last save; `pending`: a save made offline still waits to
 * be sent, which is said too unless the state itself says so. `shortOf`: how the revs beside it read.
 */
export function saveStateWords(
  document: SavedDocument,
  transfer: TransferView | null,
  pending: boolean,
  shortOf: (rev: string) => string = shortRev,
): string {
  const waiting = pending && document.saveState.kind !== 'pending' ? ' · Pending upload' : '';
  return `${stateWords(document, transfer, shortOf)}${waiting}`;
}

/** A conflict or a failure stands out; every other state is news in passing. */
export const saveStateAlerts = (state: SaveState): boolean =>
  state.kind === 'conflict' || state.kind === 'error' || state.kind === 'unwritable';

/** The bar beside a save in progress, named for screen readers; none when nothing long is under way. */
export function saveProgress(
  state: SaveState,
  transfer: TransferView | null,
): { percent: number; label: string } | null {
  if (!transfer || state.kind !== 'saving') return null;
  return {
    percent: transfer.percent,
    label: transfer.direction === 'upload' ? 'Upload progress' : 'Download progress',
  };
}
