import { languageLabel } from '../editor/language-for-path.ts';
import { encodingLabel, lineEndingLabel, shortRev } from '../format.ts';
import type { OpenDocument } from '../state/documents-state.ts';
import type { SaveState } from '../state/save-state.ts';
import type { TransferView } from '../state/transfers.ts';

interface StatusBarProps {
  accountName: string;
  document: OpenDocument | null;
  language: string;
  online: boolean;
  /** A save made offline waits to be sent. */
  pending: boolean;
  /** A transfer of this document that has lasted over about a second. */
  transfer: TransferView | null;
  /** A document is being opened (downloaded) into a new tab. */
  opening: boolean;
}

function describeSave(state: SaveState, document: OpenDocument, transfer: TransferView | null): string {
  switch (state.kind) {
    case 'saving':
      return transfer?.direction === 'upload' ? `Saving ${transfer.percent} %` : 'Saving…';
    case 'saved':
      return document.dirty
        ? `Saved rev ${shortRev(state.rev)} · Unsaved changes`
        : `Saved rev ${shortRev(state.rev)}`;
    case 'conflict':
      return state.remote
        ? `Conflict: Dropbox has rev ${shortRev(state.remote.rev)}`
        : 'Conflict: the file was deleted in Dropbox';
    case 'copied':
      return `Your version was saved as ${state.path}`;
    case 'pending':
      return 'Offline: pending upload';
    case 'needs_confirmation':
      return 'Waiting for confirmation';
    case 'error':
      return state.message;
    case 'idle':
      if (document.restored) return 'Restored · Unsaved';
      return document.dirty ? 'Unsaved' : 'Saved';
  }
}

/** Account, path, rev, sync state, encoding, line endings, language: the document at a glance. */
export function StatusBar(props: StatusBarProps) {
  const { accountName, document, language, online, pending, transfer, opening } = props;
  const saveState = document?.saveState;
  const alert = saveState?.kind === 'conflict' || saveState?.kind === 'error';
  return (
    <footer className="status-bar">
      <span title="Account">{accountName}</span>
      {!online && (
        <span className="status-offline" title="Dropbox can't be reached; saves wait on this computer">
          Offline
        </span>
      )}
      {opening && (
        <span className="status-opening" role="status" aria-label="Opening">
          Opening…
        </span>
      )}
      {document && saveState && (
        <>
          <span className="status-path" title={`Path: ${document.remote.path}`}>
            {document.remote.path}
          </span>
          <span title="Revision">rev {shortRev(document.remote.rev)}</span>
          <span
            className={alert ? 'status-save alert' : 'status-save'}
            role="status"
            aria-label="Save state"
            data-state={saveState.kind}
          >
            {describeSave(saveState, document, transfer)}
            {pending && saveState.kind !== 'pending' ? ' · Pending upload' : ''}
          </span>
          {transfer && saveState.kind === 'saving' && (
            <progress
              className="status-progress"
              max={100}
              value={transfer.percent}
              aria-label={transfer.direction === 'upload' ? 'Upload progress' : 'Download progress'}
            />
          )}
          <span className="spacer" />
          <span title="Encoding">{encodingLabel(document.snapshot.format)}</span>
          <span title="Line endings">{lineEndingLabel(document.snapshot.format.lineEnding)}</span>
          <span title="Language">{languageLabel(language)}</span>
        </>
      )}
    </footer>
  );
}
