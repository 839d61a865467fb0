import type { EncodingShape, SaveResult, TextFormat } from '../../common/contract/shapes.ts';
import { contentHash } from '../dropbox/content-hash.ts';
import type { RemoteFile } from '../dropbox/remote-file.ts';
import { isOpusError } from '../errors.ts';
import { decodeText, encodeText, encodeTextChunks } from './codec.ts';
import type { DocumentsContext } from './context.ts';
import { conflicted, pendingDropped, saved, uploadPending } from './document-state.ts';
import { checkSave } from './guard.ts';
import { changeCount } from './merge.ts';
import {
  type ConflictState,
  type HeldText,
  isDirty,
  type OpenDocument,
  pendingAgainst,
  stringOf,
} from './open-document.ts';

const sameEncoding = (a: TextFormat, b: TextFormat): boolean => a.encoding === b.encoding && a.bom === b.bom;

/** A save landed (or had nothing to send): the rev, and the format the file is now written in. */
export const savedResult = (doc: OpenDocument): SaveResult => ({
  kind: 'saved',
  remote: { ...doc.remote },
  format: { ...doc.format },
});

/** The conflict the document is in, as the prompt shows it: taken, not looked up, so it is never missing. */
export function conflictResult(doc: OpenDocument, conflict: ConflictState, text: HeldText): SaveResult {
  return {
    kind: 'conflict',
    conflict: {
      documentId: doc.id,
      baseRev: doc.remote.rev,
      remote: conflict.remote ? { ...conflict.remote } : null,
      remoteText: conflict.remoteText,
      myChanges: changeCount(stringOf(doc.base), stringOf(text)),
    },
  };
}

/**
 * Dropbox refused the save: fetch what it has (one request) and keep it for the prompt. A "conflict"
 * whose content equals ours is no conflict: the rev is adopted silently.
 */
export async function enterConflict(
  context: DocumentsContext,
  doc: OpenDocument,
  text: HeldText,
  bytes: Uint8Array,
  uploadSessionId: string | undefined,
  format: TextFormat = doc.format,
): Promise<SaveResult> {
  const ours = contentHash(bytes);
  let remote: RemoteFile | null = null;
  let remoteText: string | null = null;
  try {
    const download = await context.gateway.download(doc.remote.path);
    remote = download.file;
    if (remote.contentHash === ours) {
      saved(context, doc, remote, text, format);
      return savedResult(doc);
    }
    remoteText = decodeText(download.bytes).text;
  } catch (error) {
    // Deleted meanwhile (strict_conflict makes that a conflict too), or no longer text: still a conflict.
    if (
      !isOpusError(error, 'not_found') &&
      !isOpusError(error, 'binary_file') &&
      !isOpusError(error, 'unsupported_encoding')
    ) {
      throw error;
    }
  }
  const conflict: ConflictState = {
    remote,
    remoteText,
    keptUpload: uploadSessionId
      ? { sessionId: uploadSessionId, size: bytes.length, contentHash: ours }
      : undefined,
  };
  conflicted(context, doc, conflict);
  return conflictResult(doc, conflict, text);
}

/**
 * One revision-checked upload: `update(<rev the user saw>)`, strict_conflict, no autorename, with the
 * content_hash of the bytes. Offline, the text waits as a pending upload instead of failing.
 * `text` is held as it was when Save was pressed: typing on meanwhile makes a new text, not this one.
 */
export async function uploadRevisionChecked(
  context: DocumentsContext,
  doc: OpenDocument,
  text: HeldText,
  againstRev: string | null,
  format: TextFormat = doc.format,
): Promise<SaveResult> {
  const transferId = `save-${doc.id}`;
  try {
    const remote = await context.gateway.upload(doc.remote.path, encodeTextChunks(text, format), {
      mode: againstRev === null ? { kind: 'add' } : { kind: 'update', rev: againstRev },
      strictConflict: true,
      autorename: false,
      onProgress: (sent, total) =>
        context.emit('transferProgress', {
          transferId,
          documentId: doc.id,
          direction: 'upload',
          sent,
          total,
        }),
    });
    saved(context, doc, remote, text, format);
    return savedResult(doc);
  } catch (error) {
    if (isOpusError(error, 'conflict'))
      // Encoded again (the upload made its bytes a chunk at a time and let them go): same text, same bytes.
      return enterConflict(
        context,
        doc,
        text,
        encodeText(stringOf(text), format),
        error.detail.uploadSessionId,
        format,
      );
    if (isOpusError(error, 'offline')) {
      uploadPending(context, doc, text, againstRev, format);
      context.emit('pendingUploadChanged', { documentId: doc.id, state: 'pending' });
      return { kind: 'pending', reason: 'offline' };
    }
    throw error;
  }
}

/**
 * Saves the editor's text, checked against `baseRev`, the rev the editor says its text is based on: when
 * that is not the rev this document holds (nor one of the same content), Dropbox is asked to update
 * `baseRev` itself, so a stale editor meets the conflict instead of overwriting what it never saw.
 */
export async function save(
  context: DocumentsContext,
  doc: OpenDocument,
  baseRev: string,
  confirmed: boolean,
  encoding?: EncodingShape,
): Promise<SaveResult> {
  const text = doc.text;
  const format = encoding ? { ...doc.format, ...encoding } : doc.format;
  // A document in conflict does not save until the user has chosen: no silent overwrite, ever.
  if (doc.conflict) return conflictResult(doc, doc.conflict, text);
  if (!confirmed) {
    const verdict = checkSave(doc.base, text);
    if (!verdict.ok)
      return { kind: 'needs_confirmation', reason: verdict.reason, removedRatio: verdict.removedRatio };
  }
  const current = baseRev === doc.remote.rev || doc.baseRevs.has(baseRev);
  // Unchanged text is already on Dropbox; uploading it with strict_conflict would even conflict.
  if (current && !isDirty(doc) && doc.pending === null && sameEncoding(format, doc.format))
    return savedResult(doc);
  const pending = doc.pending;
  // Saved again while a save waits offline: the new text takes its place, and the rev it was checked
  // against with it (after a Keep mine, the rev the user chose to replace: not a conflict to answer twice).
  const against = !current ? baseRev : pending ? pendingAgainst(doc, pending) : doc.remote.rev;
  const result = await uploadRevisionChecked(context, doc, text, against, format);
  const wasPending = pending !== null;
  // Saved again by hand while an offline save waited: the window must hear that the wait is over.
  if (wasPending && result.kind === 'saved')
    context.emit('pendingUploadChanged', { documentId: doc.id, state: 'uploaded', remote: result.remote });
  if (wasPending && result.kind === 'conflict') {
    pendingDropped(context, doc);
    const remote = result.conflict.remote;
    context.emit('pendingUploadChanged', {
      documentId: doc.id,
      state: 'conflict',
      ...(remote ? { remote } : {}),
    });
  }
  return result;
}
