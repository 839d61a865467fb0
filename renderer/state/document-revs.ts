import { shortRevs } from '../format.ts';
import type { OpenDocument } from './open-document.ts';

type ShownRevs = Pick<OpenDocument, 'remote' | 'remoteChange' | 'saveState'>;

/**
 * How the revs a tab shows at once read (the status bar's base, the banner's or the conflict's
 * Dropbox rev): told apart from one another, so a newer rev never reads as the base's.
 */
export function documentShortRevs(document: ShownRevs): (rev: string) => string {
  const conflict = document.saveState.kind === 'conflict' ? document.saveState.remote?.rev : null;
  return shortRevs([document.remote.rev, document.remoteChange?.remote?.rev, conflict]);
}
