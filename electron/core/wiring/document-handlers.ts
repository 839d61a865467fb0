import type { Documents } from '../documents/documents.ts';
import { resolveMerge } from '../documents/merge.ts';
import { mergedOrigins } from '../documents/merge-origins.ts';
import type { Handlers } from './dispatch.ts';
import type { RecentFiles } from './recent-files.ts';

type DocumentHandlers = Pick<
  Handlers,
  | 'openDocument'
  | 'newDocument'
  | 'editDocument'
  | 'saveDocument'
  | 'saveDocumentAs'
  | 'closeDocument'
  | 'mergeConflict'
  | 'applyMergeChoices'
  | 'resolveConflict'
  | 'reopenDocumentWithEncoding'
>;

/**
 * Binds the documents service to the contract, and keeps the watcher on the folders of open documents.
 * An open waits for `restored` (the journal's documents back after a crash; its failure is the restore's
 * to report), so it finds a journaled document restored rather than downloading a second copy.
 */
export function documentHandlers(
  documents: Documents,
  watching: { follow(pathLower: string): void; unfollow(pathLower: string): void },
  recent: Pick<RecentFiles, 'opened'>,
  restored: () => Promise<unknown> = () => Promise.resolve(),
): DocumentHandlers {
  const pathOf = (documentId: string) =>
    documents.list().find((doc) => doc.id === documentId)?.remote.pathLower;
  return {
    openDocument: async ({ path }) => {
      await restored().catch(() => undefined);
      const count = documents.list().length;
      const snapshot = await documents.open(path);
      // A new document (not a restored one handed over) is watched; closing it lets go again.
      if (documents.list().length > count) watching.follow(snapshot.remote.pathLower);
      // Remembering it is a convenience, written after the answer: never a delay or a failure of the open.
      void recent.opened(snapshot.remote);
      return snapshot;
    },
    newDocument: () => documents.snapshot(documents.create().id),
    editDocument: ({ documentId, baseRev, version, change }) =>
      documents.edit(documentId, baseRev, version, change),
    saveDocument: ({ documentId, version, baseRev, confirmed, encoding }) =>
      documents.save(documentId, version, baseRev, confirmed ?? false, encoding),
    saveDocumentAs: async ({ documentId, version, path, overwrite, encoding }) => {
      const before = pathOf(documentId);
      const result = await documents.saveAs(documentId, version, path, overwrite ?? false, encoding);
      const after = pathOf(documentId);
      // An untitled document ('' before) has no folder watched yet: its first save starts one.
      if (after && before !== after) {
        if (before) watching.unfollow(before);
        watching.follow(after);
      }
      return result;
    },
    closeDocument: ({ documentId }) => {
      const path = pathOf(documentId);
      documents.close(documentId);
      if (path) watching.unfollow(path);
      return null;
    },
    mergeConflict: ({ documentId, version }) => documents.merge(documentId, version),
    applyMergeChoices: ({ hunks, choices }) => {
      const byId = Object.fromEntries(Object.entries(choices).map(([id, choice]) => [Number(id), choice]));
      return { text: resolveMerge(hunks, byId), origins: mergedOrigins(hunks, byId) };
    },
    resolveConflict: ({ documentId, version, resolution, text }) =>
      documents.resolve(documentId, version, resolution, text),
    reopenDocumentWithEncoding: ({ documentId, encoding }) =>
      documents.reopenWithEncoding(documentId, encoding.encoding),
  };
}
