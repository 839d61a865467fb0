import type { DocumentSnapshot } from '../../common/contract/shapes.ts';
import type { RemoteFile } from '../dropbox/remote-file.ts';
import { OpusError } from '../errors.ts';
import { decodeText } from './codec.ts';
import { type DocumentsContext, snapshotOf } from './context.ts';
import { replaced } from './document-state.ts';
import { isDirty, type OpenDocument, stringOf } from './open-document.ts';

/**
 * Restores an old revision of an open document's file (`files/restore`) and makes it the document's
 * base. Two requests: the revision's bytes first, so a revision that is not text is refused before
 * anything changes on Dropbox, then the restore. Runs inside the document's queue, so when the watcher
 * hears of the new rev the document already stands on it and reports nothing.
 */
export async function restoreRevision(
  context: DocumentsContext,
  doc: OpenDocument,
  rev: string,
): Promise<{ remote: RemoteFile; snapshot: DocumentSnapshot }> {
  // The user has not chosen between the two sides yet: replacing both with a third would hide that.
  if (doc.conflict)
    throw new OpusError(
      'conflict',
      `${doc.remote.name} has a conflict with Dropbox. Resolve it before restoring an older revision.`,
    );
  const decoded = decodeText((await context.gateway.download(`rev:${rev}`)).bytes);
  // The unsaved text is replaced, as the user confirmed; like "Take theirs", it is kept in the local
  // history first, so the choice destroys nothing.
  if (isDirty(doc) || doc.pending !== null)
    await context.history.keep(doc.remote.path, stringOf(doc.text), context.now());
  const remote = await context.gateway.restore(doc.remote.path, rev);
  replaced(context, doc, remote, decoded.text, decoded.format);
  return { remote: { ...remote }, snapshot: snapshotOf(doc) };
}
