import type { Handlers } from '../contract/dispatch.ts';
import type { Documents } from '../documents/documents.ts';
import { resolveMerge } from '../documents/merge.ts';
import type { RecentFiles } from './recent-files.ts';

type DocumentHandlers = Pick<
  Handlers,
  | 'openDocument'
  | 'noteEdit'
  | 'saveDocument'
  | 'saveDocumentAs'
  | 'closeDocument'
  | 'mergeConflict'
  | 'applyMergeChoices'
  | 'resolveConflict'
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
      const already = documents.list().some((doc) => doc.remote.pathLower === path.toLowerCase());
      const snapshot = await documents.open(path);
      if (!already) watching.follow(snapshot.remote.pathLower);
      // Remembering it is a convenience, written after the answer: never a delay or a failure of the open.
      void recent.opened(snapshot.remote);
      return snapshot;
    },
    noteEdit: async ({ documentId, text, baseRev }) => {
      await documents.noteEdit(documentId, text, baseRev);
      return null;
    },
    saveDocument: ({ documentId, text, confirmed }) => documents.save(documentId, text, confirmed ?? false),
    saveDocumentAs: async ({ documentId, path, text, overwrite }) => {
      const before = pathOf(documentId);
      const result = await documents.saveAs(documentId, path, text, overwrite ?? false);
      const after = pathOf(documentId);
      if (before && after && before !== after) {
        watching.unfollow(before);
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
    mergeConflict: ({ documentId, text }) => documents.merge(documentId, text),
    applyMergeChoices: ({ hunks, choices }) => ({
      text: resolveMerge(
        hunks,
        Object.fromEntries(Object.entries(choices).map(([id, choice]) => [Number(id), choice])),
      ),
    }),
    resolveConflict: ({ documentId, resolution, text }) => documents.resolve(documentId, resolution, text),
  };
}
