import type { Documents } from '../documents/documents.ts';
import type { Connection } from '../dropbox/connection.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import { type RemoteEntry, remoteFileOf } from '../dropbox/remote-file.ts';
import { Watcher } from '../watcher/watcher.ts';

const folderOf = (pathLower: string) => pathLower.slice(0, Math.max(0, pathLower.lastIndexOf('/')));

/**
 * Connects the watcher to the open documents: a changed file goes to Documents (which decides between
 * silent reload, banner, or nothing); a deleted one is looked up by id to tell "moved" from "deleted".
 */
export interface DocumentWatching {
  watcher: Watcher;
  follow(pathLower: string): void;
  unfollow(pathLower: string): void;
}

export function watchDocuments(
  gateway: () => Gateway,
  documents: Documents,
  connection: Pick<Connection, 'setOnline'>,
  /** Every folder's changes, after the documents have heard theirs (conflicted copies beside them). */
  onFolderEntries: (entries: RemoteEntry[]) => Promise<void> = async () => {},
): DocumentWatching {
  const onEntry = async (entry: RemoteEntry) => {
    if (entry.kind === 'file') return documents.remoteChanged(entry.pathLower, entry);
    if (entry.kind !== 'deleted') return;
    for (const doc of documents.list().filter((d) => d.remote.pathLower === entry.pathLower)) {
      const now = await gateway()
        .getMetadata(doc.remote.id)
        .catch(() => null);
      if (now?.kind === 'file' && now.pathLower !== doc.remote.pathLower) {
        const remote = remoteFileOf(now);
        // Watch the new folder before letting go of the old one, which may be the same.
        watcher.watch(folderOf(remote.pathLower));
        watcher.unwatch(folderOf(doc.remote.pathLower));
        documents.moved(doc.id, remote);
      } else {
        await documents.remoteChanged(entry.pathLower, null);
      }
    }
  };
  const watcher = new Watcher({
    gateway: gateway(),
    onEntries: async (_folder, entries) => {
      for (const entry of entries) await onEntry(entry);
      await onFolderEntries(entries);
    },
    onReset: async (folder) => {
      for (const doc of documents.list().filter((d) => folderOf(d.remote.pathLower) === folder)) {
        const now = await gateway()
          .getMetadata(doc.remote.path)
          .catch(() => null);
        if (now) await onEntry(now);
      }
    },
    onConnection: (online) => connection.setOnline(online),
  });
  return {
    watcher,
    follow: (pathLower) => watcher.watch(folderOf(pathLower)),
    unfollow: (pathLower) => watcher.unwatch(folderOf(pathLower)),
  };
}
