import type { Dropbox, files } from 'dropbox';
import type { ByteSource } from './byte-source.ts';
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
  /** Given the file's content_hash as a thunk: known once every chunk is made, asked for only if a finish's answer was lost. */
  safety: (fileHash: () => string) => CommitSafety;
  onProgress?: ((sent: number, total: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A request's bytes and their content_hash. */
interface Chunk {
  bytes: Uint8Array;
  hash: string;
}

/**
 * Resolves with `request`'s answer and the chunk `make` made meanwhile: the next chunk is encoded and
 * hashed while this one travels and Dropbox stores it, not between requests.
 */
async function overlapped<T>(request: Promise<T>, make: () => Promise<Chunk>): Promise<[T, Chunk]> {
  // Caught now, thrown below: a failure during the wait must not count as unhandled.
  const settled = request.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  // One turn of the event loop first, so the request is on the wire before the thread is busy.
  await nextTurn();
  const chunk = await make();
  const outcome = await settled;
  if ('error' in outcome) throw outcome.error;
  return [outcome.value, chunk];
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
 * costs n requests, and `onProgress` hears after each. Chunks are made from `source` as they are needed,
 * one ahead of the request on the wire. Retrying start or append is harmless (an extra session is
 * abandoned and expires in 7 days; a stored chunk shows as `incorrect_offset`); finish commits, so it
 * goes through commitOnce like a single upload.
 */
export async function uploadInSession(
  context: SessionContext,
  source: ByteSource,
  upload: SessionUpload,
): Promise<RemoteFile> {
  const { signal } = upload;
  // Every block's hash so far. Chunks are whole 4 MiB blocks (but the last), so a chunk's own
  // content_hash is its blocks' hashes hashed, and the file's is all of them: no byte is hashed twice.
  const blocks: Buffer[] = [];
  const make = async (): Promise<Chunk> => {
    const bytes = source.next(context.chunkBytes);
    const own: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += CONTENT_HASH_BLOCK) {
      // A turn between blocks lets the socket take more of the chunk on the wire.
      await nextTurn();
      own.push(...blockHashes(bytes.subarray(offset, offset + CONTENT_HASH_BLOCK)));
    }
    blocks.push(...own);
    return { bytes, hash: contentHashOfBlocks(own) };
  };
  const progress = (sent: number) => upload.onProgress?.(sent, Math.max(sent, source.expectedSize()));
  let current = await make();
  let next = await make();
  const [sessionId, afterNext] = await overlapped(
    callDropbox(
      context,
      async (client) => {
        const arg = { close: false, content_hash: current.hash, contents: current.bytes };
        return (await client.filesUploadSessionStart(arg, { signal })).result.session_id;
      },
      { signal },
    ),
    make,
  );
  let sent = current.bytes.length;
  [current, next] = [next, afterNext];
  while (next.bytes.length > 0) {
    progress(sent);
    const offset = sent;
    const chunk = current;
    const [, following] = await overlapped(
      callDropbox(context, (client) => append(client, sessionId, offset, chunk.bytes, chunk.hash, signal), {
        signal,
      }),
      make,
    );
    sent += chunk.bytes.length;
    [current, next] = [next, following];
  }
  if (sent > 0 && current.bytes.length > 0) progress(sent);
  const last = current;
  const file = await commitOnce(
    (onRetry) =>
      callDropbox(context, (client) => finish(client, sessionId, sent, last.bytes, upload, last.hash), {
        signal,
        onRetry,
      }),
    upload.safety(() => contentHashOfBlocks(blocks)),
  );
  const total = sent + last.bytes.length;
  upload.onProgress?.(total, total);
  return file;
}
