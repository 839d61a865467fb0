import type { ConflictedCopies } from '../documents/conflicted-copies/conflicted-copies.ts';
import type { RemoteEntry } from '../dropbox/remote-file.ts';
import type { Handlers } from './dispatch.ts';
import type { EventHub } from './event-hub.ts';

type ConflictedCopyHandlers = Pick<
  Handlers,
  'findConflictedCopies' | 'mergeConflictedCopy' | 'resolveConflictedCopy' | 'deleteConflictedCopy'
>;

/** Dropbox's conflicted copies beside open documents: find, merge, save the merge, delete the copy. */
export function conflictedCopyHandlers(copies: ConflictedCopies): ConflictedCopyHandlers {
  return {
    findConflictedCopies: async ({ documentId }) => ({ copies: await copies.find(documentId) }),
    mergeConflictedCopy: ({ documentId, version, copyPath }) => copies.merge(documentId, version, copyPath),
    resolveConflictedCopy: ({ documentId, version, copyPath, copyRev, text }) =>
      copies.resolve(documentId, version, copyPath, copyRev, text),
    deleteConflictedCopy: async ({ documentId, copyPath }) => {
      await copies.deleteCopy(documentId, copyPath);
      return null;
    },
  };
}

/**
 * What the watcher saw in a folder of open documents: where a conflicted copy of one came or went, the
 * window hears the document's copies as they are now. A failure only delays the news to the next change.
 */
export function announceConflictedCopies(copies: ConflictedCopies, events: Pick<EventHub, 'emit'>) {
  return async (entries: readonly RemoteEntry[]): Promise<void> => {
    for (const documentId of copies.concerned(entries)) {
      const found = await copies.find(documentId).catch(() => null);
      if (found) events.emit('conflictedCopiesChanged', { documentId, copies: found });
    }
  };
}
