import type { OpenDocument } from './open-document.ts';

type ShownRevs = Pick<OpenDocument, 'remote' | 'remoteChange' | 'saveState'>;

/**
 * The revs a tab shows at once (the status bar's base, the banner's or the conflict's Dropbox rev,
 * the last save's): read together, so a newer rev never reads as the base's.
 */
export function documentRevs(document: ShownRevs | null): (string | undefined)[] {
  if (!document) return [];
  const state = document.saveState;
  const conflict = state.kind === 'conflict' ? state.remote?.rev : undefined;
  const saved = state.kind === 'saved' ? state.rev : undefined;
  return [document.remote.rev, document.remoteChange?.remote?.rev, conflict, saved];
}
