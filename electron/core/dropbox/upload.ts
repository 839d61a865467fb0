import type { files } from 'dropbox';
import { commitInfo, isIdempotent } from './commit-info.ts';
import { commitOnce, findLanded } from './commit-once.ts';
import { blockHashes, contentHashOfBlocks } from './content-hash.ts';
import { callDropbox } from './dropbox-call.ts';
import type { UploadOptions } from './gateway.ts';
import { toRemoteFile } from './metadata.ts';
import type { RemoteFile } from './remote-file.ts';
import { type SessionContext, uploadInSession } from './upload-session.ts';

export interface UploadContext extends SessionContext {
  /** Files of more bytes than this go through an upload session. */
  sessionThreshold: number;
}

/**
 * One `files/upload` request up to the threshold (a save is one round trip), an upload session above
 * it. `content_hash` goes with every request: Dropbox then refuses bytes damaged on the way, and the
 * SDK's own automatic hash never fires.
 */
export async function upload(
  context: UploadContext,
  path: string,
  bytes: Uint8Array,
  options: UploadOptions,
): Promise<RemoteFile> {
  // Each 4 MiB block is hashed once: for the file's content_hash and, in a session, each chunk's.
  const blocks = blockHashes(bytes);
  const hash = contentHashOfBlocks(blocks);
  const safety = {
    idempotent: isIdempotent(options),
    landed: () => findLanded(context.lookup, path, hash, options.autorename ?? false),
  };
  if (bytes.length > context.sessionThreshold) {
    const { onProgress, signal } = options;
    return uploadInSession(context, bytes, {
      commit: commitInfo(path, options),
      safety,
      onProgress,
      signal,
      blocks,
    });
  }
  const arg: files.UploadArg = { ...commitInfo(path, options), content_hash: hash, contents: bytes };
  const { signal } = options;
  return commitOnce(
    (onRetry) =>
      callDropbox(
        context,
        async (client) => toRemoteFile((await client.filesUpload(arg, { signal })).result),
        {
          signal,
          onRetry,
        },
      ),
    safety,
  );
}
