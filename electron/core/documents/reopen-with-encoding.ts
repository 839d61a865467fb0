import type { DocumentSnapshot } from '../../common/contract/shapes.ts';
import { OpusError } from '../errors.ts';
import { decodeTextAs } from './codec.ts';
import { type DocumentsContext, snapshotOf } from './context.ts';
import { replaced } from './document-state.ts';
import { isDirty, type OpenDocument, stringOf } from './open-document.ts';

/**
 * Reopen with Encoding…: Dropbox's current bytes (one request) read as the encoding the user chose, which
 * becomes the document's text, base and format. Unsaved text is replaced, as the user confirmed; like
 * "Take theirs" it is kept in the local history first, so the choice destroys nothing.
 */
export async function reopenWithEncoding(
  context: DocumentsContext,
  doc: OpenDocument,
  encoding: string,
): Promise<{ snapshot: DocumentSnapshot; lossy: boolean }> {
  // The user has not chosen between the two sides yet: replacing both with a third would hide that.
  if (doc.conflict)
    throw new OpusError(
      'conflict',
      `${doc.remote.name} has a conflict with Dropbox. Resolve it before reopening it with another encoding.`,
    );
  const { file, bytes } = await context.gateway.download(doc.remote.path);
  const decoded = decodeTextAs(bytes, encoding);
  if (isDirty(doc) || doc.pending !== null)
    await context.history.keep(doc.remote.path, stringOf(doc.text), context.now());
  replaced(context, doc, file, decoded.text, decoded.format);
  return { snapshot: snapshotOf(doc), lossy: decoded.lossy };
}
