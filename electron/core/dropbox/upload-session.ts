import type { Dropbox, files } from 'dropbox';
import { type CommitSafety, commitOnce, type Lookup } from './commit-once.ts';
import { blockHashes, CONTENT_HASH_BLOCK, contentHash, contentHashOfBlocks } from './content-hash.ts';
import { type CallContext, callDropbox } from './dropbox-call.ts';
import { toRemoteFile } from './metadata.ts';
import type { RemoteFile } from './remote-file.ts';
import { isHttpFailure, isRecord, routeError } from './wire-failure.ts';

export interface SessionContext extends CallContext {
  lookup: Lookup;
  /** Bytes per request; a multiple of 4 MiB, so chunks line up with content_hash blocks. */
  chunkBytes: number;
}

export interface SessionUpload {
  commit: files.CommitInfo;
  safety: CommitSafety;
  onProgress?: ((sent: number, total: number) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** The file's 4 MiB block hashes, already computed for its content_hash: each chunk's comes from them. */
  blocks?: readonly Buffer[] | undefined;
}

const EMPTY = new Uint8Array(0);

/** `correct_offset` of an `incorrect_offset` error: at the top for append, under `lookup_failed` for finish. */
function correctOffset(error: unknown): number | undefined {
  if (!isHttpFailure(error) || error.status !== 409) return undefined;
  const union = routeError(error);
  const lookup = isRecord(union) && union['.tag'] === 'lookup_failed' ? union.lookup_failed : union;
  if (!isRecord(lookup) || lookup['.tag'] !== 'incorrect_offset') return undefined;
  return typeof lookup.correct_offset === 'number' ? lookup.correct_offset : undefined;
}

async function append(
  client: Dropbox,
  sessionId: string,
  offset: number,
  chunk: Uint8Array,
  hash: string,
  signal?: AbortSignal,
): Promise<void> {
  const cursor = { session_id: sessionId, offset };
  try {
    await client.filesUploadSessionAppendV2(
      { cursor, close: false, content_hash: hash, contents: chunk },
      { signal },
    );
  } catch (error) {
    // A retry of an append whose answer was lost: Dropbox already stored this chunk, so carry on.
    if (correctOffset(error) !== offset + chunk.length) throw error;
  }
}

async function finish(
  client: Dropbox,
  sessionId: string,
  offset: number,
  last: Uint8Array,
  upload: SessionUpload,
  hash: string = contentHash(last),
): Promise<RemoteFile> {
  const arg = {
    cursor: { session_id: sessionId, offset },
    commit: upload.commit,
    // The hash of this request's own bytes (the last chunk, or none), as for start and append.
    content_hash: hash,
    contents: last,
  };
  try {
    return toRemoteFile((await client.filesUploadSessionFinish(arg, { signal: upload.signal })).result);
  } catch (error) {
    // An earlier finish stored the last chunk and then failed before committing: commit what is there.
    if (last.length === 0 || correctOffset(error) !== offset + last.length) throw error;
    return finish(client, sessionId, offset + last.length, EMPTY, upload);
  }
}

/**
 * start (first chunk) → append_v2 (middle chunks) → finish (last chunk + commit): a file of n chunks
 * costs n requests, and `onProgress` hears after each. Retrying start or append is harmless (an extra
 * session is abandoned and expires in 7 days; a stored chunk shows as `incorrect_offset`); finish commits,
 * so it goes through commitOnce like a single upload.
 */
export async function uploadInSession(
  context: SessionContext,
  bytes: Uint8Array,
  upload: SessionUpload,
): Promise<RemoteFile> {
  const { signal } = upload;
  const total = bytes.length;
  const blocks = upload.blocks ?? blockHashes(bytes);
  // Chunks are whole 4 MiB blocks (but the last), so a chunk's hash is its blocks' hashes, hashed.
  const hashOf = (start: number, end: number) =>
    end <= start
      ? contentHashOfBlocks([])
      : context.chunkBytes % CONTENT_HASH_BLOCK === 0
        ? contentHashOfBlocks(blocks.slice(start / CONTENT_HASH_BLOCK, Math.ceil(end / CONTENT_HASH_BLOCK)))
        : contentHash(bytes.subarray(start, end));
  const first = bytes.subarray(0, Math.min(context.chunkBytes, total));
  const sessionId = await callDropbox(
    context,
    async (client) => {
      const arg = { close: false, content_hash: hashOf(0, first.length), contents: first };
      return (await client.filesUploadSessionStart(arg, { signal })).result.session_id;
    },
    { signal },
  );
  let sent = first.length;
  if (sent < total) upload.onProgress?.(sent, total);
  while (total - sent > context.chunkBytes) {
    const chunk = bytes.subarray(sent, sent + context.chunkBytes);
    const offset = sent;
    const hash = hashOf(offset, offset + chunk.length);
    await callDropbox(context, (client) => append(client, sessionId, offset, chunk, hash, signal), {
      signal,
    });
    sent += chunk.length;
    upload.onProgress?.(sent, total);
  }
  const last = bytes.subarray(sent);
  const file = await commitOnce(
    (onRetry) =>
      callDropbox(context, (client) => finish(client, sessionId, sent, last, upload, hashOf(sent, total)), {
        signal,
        onRetry,
      }),
    upload.safety,
  );
  upload.onProgress?.(total, total);
  return file;
}
