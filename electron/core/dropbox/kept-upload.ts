import type { Lookup } from './commit-once.ts';
import { commitOnce } from './commit-once.ts';
import { contentHash } from './content-hash.ts';
import { type CallContext, callDropbox } from './dropbox-call.ts';
import { toRemoteFile } from './metadata.ts';
import type { RemoteFile } from './remote-file.ts';

const EMPTY = new Uint8Array(0);

/**
 * Commits the bytes Dropbox kept from a refused `files/upload` (the conflict's upload_session_id) to
 * another path: `upload_session/finish` with the whole size as offset and no body, so the bytes do not
 * travel twice. `add` without autorename: the caller chose a free name (a conflicted copy) and must hear
 * if it was taken meanwhile. A lost answer is checked before retrying: a file of exactly this size at the
 * fresh name is the one we committed (the session is used up by then, so a retry could not work anyway).
 */
export function commitKeptUpload(
  context: CallContext & { lookup: Lookup },
  uploadSessionId: string,
  size: number,
  path: string,
): Promise<RemoteFile> {
  const arg = {
    cursor: { session_id: uploadSessionId, offset: size },
    commit: { path, mode: { '.tag': 'add' as const }, autorename: false, strict_conflict: false },
    content_hash: contentHash(EMPTY),
    contents: EMPTY,
  };
  const landed = async () => {
    const entry = await context.lookup.getMetadata(path);
    return entry?.kind === 'file' && entry.size === size ? entry : null;
  };
  return commitOnce(
    (onRetry) =>
      callDropbox(
        context,
        async (client) => toRemoteFile((await client.filesUploadSessionFinish(arg)).result),
        {
          onRetry,
        },
      ),
    { idempotent: false, landed },
  );
}
