// The browser host only: when its helper process (electron/host/cli.ts) stops, what is typed cannot
// reach main's journal, so the page keeps it in IndexedDB until a restarted helper takes it back. In
// Electron main and the page stop together, so nothing is kept there (see `pageKeptTexts`).
import type { RestoredDocument } from '../opus.ts';

/** A tab's whole text as the page last had it, and the Dropbox rev that text is based on. */
export interface KeptText {
  path: string;
  baseRev: string;
  text: string;
}

/** Where kept texts live: one per document and base rev, the newest text of it. */
export interface KeptTexts {
  keep(kept: KeptText): Promise<void>;
  all(): Promise<KeptText[]>;
  forget(kept: Pick<KeptText, 'path' | 'baseRev'>): Promise<void>;
}

export const keptKey = ({ path, baseRev }: Pick<KeptText, 'path' | 'baseRev'>): string =>
  `${path.toLowerCase()}\n${baseRev}`;

/**
 * Pairs the journal's restored documents with what the page kept of them: a kept text on the same file
 * and base rev is newer than the journal's (the page's text always holds every edit main heard of), so
 * it wins; a kept text the journal has no document for (typed in a tab with nothing journaled yet)
 * comes back in `unpaired`. Whole texts, not edits: taking one over twice changes nothing.
 */
export function pairKept(
  restored: readonly RestoredDocument[],
  kept: readonly KeptText[],
): { paired: Map<string, KeptText>; unpaired: KeptText[] } {
  const byKey = new Map(kept.map((entry) => [keptKey(entry), entry]));
  const paired = new Map<string, KeptText>();
  for (const entry of restored) {
    const { remote, documentId } = entry.snapshot;
    const key = keptKey({ path: remote.path, baseRev: remote.rev });
    const match = byKey.get(key);
    if (!match) continue;
    paired.set(documentId, match);
    byKey.delete(key);
  }
  return { paired, unpaired: [...byKey.values()] };
}

const NOTHING_KEPT: KeptTexts = {
  keep: () => Promise.reject(new Error('This window cannot keep text.')),
  all: async () => [],
  forget: async () => {},
};

/** The page's kept texts: IndexedDB when the page is served by the browser host, none in Electron. */
export function pageKeptTexts(): KeptTexts {
  const served = typeof location !== 'undefined' && location.protocol === 'http:';
  return served && typeof indexedDB !== 'undefined' ? indexedDbKeptTexts() : NOTHING_KEPT;
}

const STORE = 'texts';

function indexedDbKeptTexts(): KeptTexts {
  let opened: Promise<IDBDatabase> | null = null;
  const database = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('opus-kept-texts', 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    opened.catch(() => {
      opened = null;
    });
    return opened;
  };
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>) => {
    const db = await database();
    return new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      // Written once the transaction commits, not when the request succeeds.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  };
  return {
    keep: async (kept) => {
      await run('readwrite', (store) => store.put(kept, keptKey(kept)));
    },
    all: async () => (await run('readonly', (store) => store.getAll())) as KeptText[],
    forget: async (kept) => {
      await run('readwrite', (store) => store.delete(keptKey(kept)));
    },
  };
}
