import { type BrowserEntry, errorKind, type OpusApi } from '../opus.ts';

/** What a path typed in the Open dialog names on Dropbox. */
export type FoundPath = { kind: 'folder' | 'file'; path: string } | { kind: 'missing' };

/**
 * Looks a typed path up in its parent folder's listing (the listing Open already makes), so a folder
 * is gone to and a file opened, in Dropbox's own casing. A parent that does not exist: missing too.
 */
export async function findPath(opus: OpusApi, path: string): Promise<FoundPath> {
  if (path === '') return { kind: 'folder', path };
  const parent = path.slice(0, path.lastIndexOf('/'));
  const wanted = path.toLowerCase();
  try {
    let page = await opus.listFolder({ path: parent });
    for (;;) {
      const found = page.entries.find((entry: BrowserEntry) => entry.pathLower === wanted);
      if (found && found.kind !== 'deleted') return { kind: found.kind, path: found.path };
      if (!page.hasMore) return { kind: 'missing' };
      page = await opus.listFolder({ path: parent, cursor: page.cursor });
    }
  } catch (error) {
    if (errorKind(error) === 'not_found') return { kind: 'missing' };
    throw error;
  }
}
