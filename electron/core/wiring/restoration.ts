import type { RestoredDocument } from '../../common/contract/shapes.ts';
import type { Documents } from '../documents/documents.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import type { Handlers } from './dispatch.ts';
import { restoreKeptText } from './restore-journal.ts';

/**
 * The journal's documents, restored once per account (a failure is not kept: the next ask tries again).
 * Every open waits for it first, so a journaled document is reopened as the restored one, with its
 * unsaved text, whichever of the window's two calls arrives first.
 */
export class Restoration {
  private restored: Promise<RestoredDocument[]> | null = null;

  constructor(private readonly restore: () => Promise<RestoredDocument[]>) {}

  get(): Promise<RestoredDocument[]> {
    this.restored ??= this.restore();
    const current = this.restored;
    current.catch(() => {
      if (this.restored === current) this.restored = null;
    });
    return current;
  }

  /** Signed out: the next account restores its own journal. */
  forget(): void {
    this.restored = null;
  }
}

/**
 * Each restored document goes to the first window that asks: a second window opens its own copy. A
 * text a window kept while the helper was stopped comes back after the journal's, watched like any open.
 */
export function restorationHandlers(
  restoration: Restoration,
  documents: Documents,
  gateway: () => Gateway,
  watching: { follow(pathLower: string): void },
): Pick<Handlers, 'getRestoredDocuments' | 'restoreKeptText'> {
  return {
    restoreKeptText: async (kept) => {
      await restoration.get().catch(() => undefined);
      const restored = await restoreKeptText(gateway(), documents, kept);
      watching.follow(restored.snapshot.remote.pathLower);
      return restored;
    },
    getRestoredDocuments: async () => {
      const list = await restoration.get();
      const taken = new Map(documents.claimRestored().map((doc) => [doc.id, doc]));
      return list.flatMap(({ snapshot, remoteMoved, formerEncoding }) => {
        const doc = taken.get(snapshot.documentId);
        if (!doc) return [];
        const text = documents.editorText(doc.id);
        return [
          {
            snapshot: documents.snapshot(doc.id),
            text,
            remoteMoved,
            ...(formerEncoding ? { formerEncoding } : {}),
          },
        ];
      });
    },
  };
}
