import { refusedAsDuplicate } from './error-mapping.ts';
import type { Gateway } from './gateway.ts';
import { type RemoteFile, remoteFileOf } from './remote-file.ts';
import type { RetryFailure } from './retry.ts';

export type Lookup = Pick<Gateway, 'getMetadata' | 'listFolder' | 'listFolderContinue'>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Autorenamed siblings of `name`: "doc (2).txt" (add, overwrite), "doc (conflicted copy).txt" (update). */
function renamedPattern(name: string): RegExp {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return new RegExp(`^${escapeRegExp(stem)} \\(.+\\)${escapeRegExp(ext)}$`, 'i');
}

/** `path`: a display path ("/…"), as Dropbox names the entry whose name the autorename took. */
async function findRenamed(lookup: Lookup, path: string, hash: string): Promise<RemoteFile | null> {
  const slash = path.lastIndexOf('/');
  const pattern = renamedPattern(path.slice(slash + 1));
  // Stryker disable next-line ObjectLiteral: only the page size; the loop below follows every page either way
  let page = await lookup.listFolder(path.slice(0, slash), { limit: 2000 });
  for (;;) {
    for (const entry of page.entries) {
      if (
        pattern.test(entry.name) &&
        // Stryker disable next-line ConditionalExpression: `true` is equivalent, a folder has no contentHash for the next test to match
        entry.kind === 'file' &&
        entry.contentHash === hash
      )
        return remoteFileOf(entry);
    }
    if (!page.hasMore) return null;
    page = await lookup.listFolderContinue(page.cursor);
  }
}

/**
 * Did an earlier attempt of this upload land? The file at `path` with our content_hash says yes; with
 * autorename the copy may sit beside it under a new name. An identical file that was there before counts
 * as ours too: either way the bytes are in Dropbox once, which is all the retry must guarantee.
 */
export async function findLanded(
  lookup: Lookup,
  path: string,
  hash: string,
  autorename: boolean,
): Promise<RemoteFile | null> {
  const entry = await lookup.getMetadata(path);
  if (entry?.kind === 'file' && entry.contentHash === hash) return remoteFileOf(entry);
  // The taken entry's own path, not `path`: an "id:…" path names no folder to look beside.
  return autorename && entry !== null ? findRenamed(lookup, entry.path, hash) : null;
}

export interface CommitSafety {
  /**
   * A duplicate of the request can only fail, never write twice: `update(rev)` with strict_conflict and
   * no autorename. Once the first attempt landed, the rev it checks is stale (and identical content is
   * a conflict too under strict_conflict), so a retry cannot overwrite anything or add a second copy.
   */
  idempotent: boolean;
  landed: () => Promise<RemoteFile | null>;
}

type OnRetry = (failure: RetryFailure) => Promise<RemoteFile | undefined>;

/**
 * Runs a request that commits a file (upload, upload_session/finish) so that retries never create it
 * twice. After an ambiguous failure (5xx, or a connection lost once the body was sent) a
 * non-idempotent write — `add` with autorename would make "doc (2).txt" — first checks whether the
 * earlier attempt landed and returns that file instead of sending again. An idempotent write is simply
 * retried; if the retry is then refused as a duplicate (a conflict, a finished session), the same check
 * tells our own landed write apart from a real conflict, so the caller is not shown a conflict with itself.
 */
export async function commitOnce(
  commit: (onRetry: OnRetry) => Promise<RemoteFile>,
  safety: CommitSafety,
): Promise<RemoteFile> {
  let ambiguous = false;
  try {
    return await commit(async (failure) => {
      if (!failure.ambiguous) return undefined;
      ambiguous = true;
      if (safety.idempotent) return undefined;
      return (await safety.landed()) ?? undefined;
    });
  } catch (error) {
    if (ambiguous && refusedAsDuplicate(error)) {
      const landed = await safety.landed();
      if (landed) return landed;
    }
    throw error;
  }
}
