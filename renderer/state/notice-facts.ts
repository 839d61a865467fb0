import type { OpenDocument } from './open-document.ts';
import type { Notice } from './workspace-dialog.ts';

/**
 * Whether a tab is still as a restore notice says: open, with the text that came back unsaved, and its
 * file still on Dropbox. A save, a reload or Take theirs clears `restored`; a close takes the tab away;
 * a deletion on Dropbox is the remote banner's news from then on.
 */
const stillRestored = (doc: OpenDocument | undefined): boolean =>
  doc?.restored === true && doc.remoteChange?.change !== 'deleted';

/**
 * The notice as far as it is still true of the open tabs: the same notice while all its documents are
 * as it says, narrowed to those that still are, gone once none is. A notice about no document stays.
 */
export function narrowNotice(notice: Notice | null, docs: readonly OpenDocument[]): Notice | null {
  if (!notice?.about) return notice;
  const byId = new Map(docs.map((doc) => [doc.snapshot.documentId, doc]));
  const still = notice.about.documentIds.filter((id) => stillRestored(byId.get(id)));
  return still.length === notice.about.documentIds.length ? notice : notice.about.narrowed(still);
}
