import { useCallback, useEffect, useState } from 'react';
import type { ConflictedCopy, OpusApi } from '../opus.ts';

/**
 * Dropbox's conflicted copies beside each open document: asked for once when its tab opens, then kept
 * as the watcher reports them (the conflictedCopiesChanged event). `dismiss` hides the bar for the copies
 * shown; a new copy brings it back.
 */
export function useConflictedCopies(opus: OpusApi, documentIds: readonly string[]) {
  const [copies, setCopies] = useState<ReadonlyMap<string, readonly ConflictedCopy[]>>(new Map());
  const [dismissed, setDismissed] = useState<ReadonlyMap<string, string>>(new Map());
  const set = useCallback(
    (documentId: string, found: readonly ConflictedCopy[]) =>
      setCopies((now) => new Map(now).set(documentId, found)),
    [],
  );

  useEffect(
    () => opus.onConflictedCopiesChanged(({ documentId, copies: found }) => set(documentId, found)),
    [opus, set],
  );

  const key = documentIds.join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the list of ids
  useEffect(() => {
    for (const documentId of documentIds) {
      if (copies.has(documentId)) continue;
      set(documentId, []);
      opus.findConflictedCopies({ documentId }).then(
        ({ copies: found }) => set(documentId, found),
        // A folder that cannot be listed now has its copies found at the watcher's next news.
        () => undefined,
      );
    }
  }, [opus, key]);

  const signature = (list: readonly ConflictedCopy[]) => list.map((copy) => copy.file.rev).join(',');
  return {
    /** The copies the bar shows for this document (none once dismissed, until they change). */
    shown(documentId: string): readonly ConflictedCopy[] {
      const list = copies.get(documentId) ?? [];
      return dismissed.get(documentId) === signature(list) ? [] : list;
    },
    dismiss(documentId: string): void {
      setDismissed((now) => new Map(now).set(documentId, signature(copies.get(documentId) ?? [])));
    },
    /** After a merge saved or a copy deleted: ask Dropbox again rather than wait for the watcher. */
    refresh(documentId: string): void {
      opus.findConflictedCopies({ documentId }).then(
        ({ copies: found }) => set(documentId, found),
        () => undefined,
      );
    },
  };
}

export type ConflictedCopiesControls = ReturnType<typeof useConflictedCopies>;
