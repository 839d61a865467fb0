import type { files } from 'dropbox';
import { type ByteSource, bytesSource, isByteSource } from './byte-source.ts';
import { commitInfo, isIdempotent } from './commit-info.ts';
import { commitOnce, findLanded } from './commit-once.ts';
import { contentHash } from './content-hash.ts';
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
 * SDK's own automatic hash never fires. A source that is surely above the threshold is never made whole:
 * its chunks are made as the session sends them.
 */
export async function upload(
  context: UploadContext,
  path: string,
  body: Uint8Array | ByteSource,
  options: UploadOptions,
): Promise<RemoteFile> {
  const { onProgress, signal } = options;
  const safety = (fileHash: () => string) => ({
    idempotent: isIdempotent(options),
    landed: () => findLanded(context.lookup, path, fileHash(), options.autorename ?? false),
  });
  const commit = commitInfo(path, options);
  if (isByteSource(body) && body.atLeast > context.sessionThreshold)
    return uploadInSession(context, body, { commit, safety, onProgress, signal });
  const bytes = isByteSource(body) ? body.whole() : body;
  try {
    if (bytes.length > context.sessionThreshold)
      return await uploadInSession(context, bytesSource(bytes), { commit, safety, onProgress, signal });
    const hash = contentHash(bytes);
    const arg: files.UploadArg = { ...commit, content_hash: hash, contents: bytes };
    return await commitOnce(
      (onRetry) =>
        callDropbox(
          context,
          async (client) => toRemoteFile((await client.filesUpload(arg, { signal })).result),
          { signal, onRetry },
        ),
      safety(() => hash),
    );
  } finally {
    // Answered (or given up on): no retry reads these bytes again.
    if (isByteSource(body)) body.release?.();
  }
}
