import { join } from 'node:path';
import { OpusError } from '../errors.ts';
import { writeAtomically } from './atomic-write.ts';
import { type JournalEntry, JournalEntrySchema, serializeEntry } from './journal-entry.ts';
import { journalError } from './journal-errors.ts';
import { entryFileName } from './journal-files.ts';
import { type JournalFs, nodeJournalFs } from './journal-fs.ts';
import { readJournal } from './read-journal.ts';

export type { JournalEntry } from './journal-entry.ts';

export interface JournalOptions {
  /** Quiet time after the last `schedule` of a document before it is written (VS Code's hot exit: ~1 s). */
  debounceMs?: number;
  fs?: JournalFs;
  /**
   * A scheduled write or a clear failed (disk full, no permission…): neither has a caller waiting to be
   * told, and callers fire `clear` and forget it, so it must never reject.
   */
  onError?: (error: OpusError, documentId: string) => void;
  now?: () => Date;
}

/**
 * Crash recovery for unsaved text: one file per document in `folder`, written atomically through a
 * per-document queue, so writes of one document never interleave and the last one wins.
 */
export class Journal {
  readonly #fs: JournalFs;
  readonly #debounceMs: number;
  readonly #onError: (error: OpusError, documentId: string) => void;
  readonly #now: () => Date;
  readonly #pending = new Map<string, { entry: JournalEntry; timer: ReturnType<typeof setTimeout> }>();
  readonly #queues = new Map<string, Promise<void>>();
  readonly #inFlight = new Set<string>();
  #recovery: Promise<unknown> = Promise.resolve();

  constructor(
    readonly folder: string,
    options: JournalOptions = {},
  ) {
    this.#fs = options.fs ?? nodeJournalFs;
    this.#debounceMs = options.debounceMs ?? 1000;
    this.#onError = options.onError ?? (() => undefined);
    this.#now = options.now ?? (() => new Date());
  }

  /** Writes `entry` now (replacing any scheduled write of the same document). Rejects with an `OpusError`. */
  write(entry: JournalEntry): Promise<void> {
    const checked = JournalEntrySchema.safeParse(entry);
    if (!checked.success) {
      // Written as is, it would be set aside as corrupt on the next start: refuse it now, loudly.
      return Promise.reject(
        new OpusError('invalid_request', `Journal entry refused: ${checked.error.message}`),
      );
    }
    this.#cancel(entry.documentId);
    return this.#enqueue(entry.documentId, async () => {
      try {
        await this.#fs.makeFolder(this.folder);
        await writeAtomically(
          this.#fs,
          this.folder,
          entryFileName(entry.documentId),
          serializeEntry(entry),
          this.#inFlight,
        );
      } catch (error) {
        throw journalError(error, entry.path, this.folder);
      }
    });
  }

  /** Writes `entry` now, replacing a write still scheduled for the document (its text is older). */
  writeNow(entry: JournalEntry): Promise<void> {
    this.#cancel(entry.documentId);
    return this.write(entry);
  }

  /** Writes `entry` once the document has been quiet for the debounce time; only the latest text is kept. */
  schedule(entry: JournalEntry): void {
    this.#cancel(entry.documentId);
    const timer = setTimeout(() => {
      this.#pending.delete(entry.documentId);
      this.write(entry).catch((error: OpusError) => this.#onError(error, entry.documentId));
    }, this.#debounceMs);
    this.#pending.set(entry.documentId, { entry, timer });
  }

  /** Writes every scheduled entry now and waits for all writes (on quit). Rejects with the first failure. */
  async flush(): Promise<void> {
    const scheduled = [...this.#pending.values()].map(({ entry }) => this.write(entry));
    const results = await Promise.allSettled([...scheduled, ...this.#queues.values()]);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /**
   * Forgets a document's journal (after a successful save), including a write still scheduled. Never
   * rejects: a journal that could not be removed only means a stale copy offered again on next start.
   */
  clear(documentId: string): Promise<void> {
    this.#cancel(documentId);
    const removal = this.#enqueue(documentId, () =>
      this.#fs.remove(join(this.folder, entryFileName(documentId))),
    );
    return removal.catch((error: unknown) => {
      if ((error as { code?: unknown } | null)?.code === 'ENOENT') return;
      this.#onError(journalError(error, `document ${documentId}`, this.folder, 'remove'), documentId);
    });
  }

  /** Everything journaled, for recovery on start. Never throws; files that do not parse are set aside. */
  readAll(): Promise<JournalEntry[]> {
    const settled = Promise.allSettled([...this.#queues.values()]);
    const read = settled.then(() => readJournal(this.#fs, this.folder, this.#inFlight, this.#now));
    // Writes queued meanwhile wait, so a corrupt file is never moved aside just after being replaced.
    this.#recovery = read.catch(() => undefined);
    return read.catch(() => []);
  }

  #cancel(documentId: string): void {
    const pending = this.#pending.get(documentId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending.delete(documentId);
  }

  #enqueue(documentId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.#queues.get(documentId) ?? Promise.resolve();
    const recovery = this.#recovery;
    const run = previous.then(() => recovery).then(work);
    const tail = run.catch(() => undefined);
    this.#queues.set(documentId, tail);
    void tail.then(() => {
      if (this.#queues.get(documentId) === tail) this.#queues.delete(documentId);
    });
    return run;
  }
}
