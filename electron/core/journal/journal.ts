import type { Text } from '@codemirror/state';
import type { TextEdit } from '../../common/contract/shapes.ts';
import { OpusError } from '../errors.ts';
import { applyEdits } from '../text/text-edits.ts';
import { type CompactionRule, DEFAULT_COMPACTION, foldsNow, foldsWhenIdle } from './compaction.ts';
import { DocumentLog, type JournalPlace, removeDocument } from './document-log.ts';
import {
  headerOf,
  type JournalEntry,
  type JournalHeader,
  JournalHeaderSchema,
  sameHeader,
} from './journal-entry.ts';
import { journalError } from './journal-errors.ts';
import { type JournalFs, nodeJournalFs } from './journal-fs.ts';
import { readJournal } from './read-journal.ts';

export type { JournalEntry, JournalHeader } from './journal-entry.ts';

export interface JournalOptions {
  fs?: JournalFs;
  /**
   * An fsync or a compaction failed (disk full, no permission…), or a clear: none has a caller waiting
   * to be told, and callers fire `clear` and forget it, so it must never reject.
   */
  onError?: (error: OpusError, documentId: string) => void;
  now?: () => Date;
  /** A record is fsynced within this time; one fsync per document per period at most (default 1 s). */
  syncDelayMs?: number;
  compaction?: Partial<CompactionRule>;
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * Crash recovery for unsaved text. Per document, a snapshot of the whole text and an append-only log of
 * the edits since, so a keystroke costs the bytes of its edit however large the document; the log is
 * folded into a new snapshot once it grows (see `compaction.ts`). All writes of one document go through
 * one queue, so they never interleave and a compaction never races a record.
 */
export class Journal {
  readonly #place: JournalPlace;
  readonly #onError: (error: OpusError, documentId: string) => void;
  readonly #now: () => Date;
  readonly #syncDelayMs: number;
  readonly #rule: CompactionRule;
  readonly #docs = new Map<string, DocumentLog>();
  /** After a failed compaction, the log size at which to try again, so a full disk is not hammered. */
  readonly #foldAfter = new Map<string, number>();
  readonly #syncTimers = new Map<string, Timer>();
  readonly #idleTimers = new Map<string, Timer>();
  readonly #queues = new Map<string, Promise<void>>();
  #recovery: Promise<unknown> = Promise.resolve();

  constructor(
    readonly folder: string,
    options: JournalOptions = {},
  ) {
    this.#place = { fs: options.fs ?? nodeJournalFs, folder, inFlight: new Set() };
    this.#onError = options.onError ?? (() => undefined);
    this.#now = options.now ?? (() => new Date());
    this.#syncDelayMs = options.syncDelayMs ?? 1000;
    this.#rule = { ...DEFAULT_COMPACTION, ...options.compaction };
  }

  /**
   * The document's unsaved text is now `text`, reached from the text last recorded by applying `edits`
   * in order (null: not derivable by edits, as after a reload). Resolves once the kernel has it, so a
   * killed process loses nothing; the fsync follows within `syncDelayMs`. Rejects with an `OpusError`.
   */
  record(header: JournalHeader, text: Text, edits: readonly TextEdit[] | null): Promise<void> {
    const checked = JournalHeaderSchema.safeParse(header);
    if (!checked.success) {
      // Written as is, it would be set aside as corrupt on the next start: refuse it now, loudly.
      return Promise.reject(
        new OpusError('invalid_request', `Journal record refused: ${checked.error.message}`),
      );
    }
    // A copy: the caller's object may change before the queue reaches this record.
    const fixed = headerOf(header);
    return this.#enqueue(fixed.documentId, async () => {
      try {
        await this.#write(fixed, text, edits);
      } catch (error) {
        throw journalError(error, fixed.path, this.folder);
      }
    });
  }

  /** Forgets a document's journal (after a successful save). Never rejects: see `onError`. */
  clear(documentId: string): Promise<void> {
    this.#stopTimers(documentId);
    const path = this.#docs.get(documentId)?.header.path ?? `document ${documentId}`;
    const removal = this.#enqueue(documentId, async () => {
      const doc = this.#docs.get(documentId);
      this.#docs.delete(documentId);
      this.#foldAfter.delete(documentId);
      await doc?.close();
      await removeDocument(this.#place, documentId);
    });
    // A journal that could not be removed only means a stale copy offered again on next start.
    return removal.catch((error: unknown) => {
      this.#onError(journalError(error, path, this.folder, 'remove'), documentId);
    });
  }

  /** Fsyncs every record not yet fsynced and waits for all writes (on quit). Rejects with the first failure. */
  async flush(): Promise<void> {
    // Records still queued land first, so what they leave unsynced is fsynced here too.
    await Promise.allSettled([...this.#queues.values()]);
    const syncs = [...this.#syncTimers.keys()].map((documentId) => {
      clearTimeout(this.#syncTimers.get(documentId));
      this.#syncTimers.delete(documentId);
      return this.#sync(documentId);
    });
    const results = await Promise.allSettled([...syncs, ...this.#queues.values()]);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** Flushes, then lets go of open files and timers (the account is switching). */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      for (const [documentId, doc] of this.#docs) {
        this.#stopTimers(documentId);
        void this.#enqueue(documentId, async () => {
          await doc.close();
          this.#docs.delete(documentId);
        });
      }
      await Promise.allSettled([...this.#queues.values()]);
    }
  }

  /** Everything journaled, for recovery on start. Never throws; files that do not parse are set aside. */
  readAll(): Promise<JournalEntry[]> {
    const settled = Promise.allSettled([...this.#queues.values()]);
    const read = settled.then(() =>
      readJournal(this.#place.fs, this.folder, this.#place.inFlight, this.#now),
    );
    // Writes queued meanwhile wait, so a corrupt file is never moved aside just after being replaced.
    this.#recovery = read.catch(() => undefined);
    return read.catch(() => []);
  }

  async #write(header: JournalHeader, text: Text, edits: readonly TextEdit[] | null): Promise<void> {
    const { documentId } = header;
    const doc = this.#docs.get(documentId);
    if (!doc) {
      const started = await DocumentLog.start(this.#place, header, text, this.#now());
      this.#docs.set(documentId, started);
      return this.#afterWrite(documentId, started);
    }
    // Stryker disable next-line ConditionalExpression: identical texts are also `eq`; this only skips the walk
    const sameText = text === doc.text || text.eq(doc.text);
    const headerChanged = !sameHeader(header, doc.header);
    if (sameText && !headerChanged) return;
    // Edits are trusted only if they lead from the recorded text to `text` (cheap: a `Text` made by
    // `replace` shares every untouched subtree, and `eq` skips shared subtrees), so a replay is exact.
    const fits = sameText || (edits !== null && applyEdits(doc.text, edits)?.eq(text) === true);
    if (doc.intact && fits) {
      await doc.append(
        {
          // Stryker disable next-line ArrayDeclaration: `fits` without `sameText` means `edits` is not null
          edits: sameText ? [] : (edits ?? []),
          header: headerChanged ? header : null,
          savedAt: this.#now().getTime(),
          length: text.length,
        },
        header,
        text,
      );
    } else {
      await doc.snapshot(header, text, this.#now());
    }
    this.#afterWrite(documentId, doc);
  }

  #afterWrite(documentId: string, doc: DocumentLog): void {
    if (doc.unsynced && !this.#syncTimers.has(documentId)) {
      this.#syncTimers.set(
        documentId,
        this.#timer(() => {
          this.#syncTimers.delete(documentId);
          this.#sync(documentId).catch((error: OpusError) => this.#onError(error, documentId));
        }, this.#syncDelayMs),
      );
    }
    clearTimeout(this.#idleTimers.get(documentId));
    this.#idleTimers.set(
      documentId,
      this.#timer(() => {
        this.#idleTimers.delete(documentId);
        // Stryker disable next-line StringLiteral: #worthFolding takes anything but 'now' as idle
        this.#fold(documentId, 'idle');
      }, this.#rule.idleMs),
    );
    // Stryker disable next-line ConditionalExpression: #fold checks again in the queue; this only spares a no-op job
    if (this.#worthFolding(doc, 'now')) this.#fold(documentId, 'now');
  }

  #worthFolding(doc: DocumentLog, when: 'now' | 'idle'): boolean {
    if (!doc.intact) return true;
    if (doc.logBytes < (this.#foldAfter.get(doc.header.documentId) ?? 0)) return false;
    const folds = when === 'now' ? foldsNow : foldsWhenIdle;
    return folds(this.#rule, doc.logBytes, doc.snapshotBytes);
  }

  /** Folds the log into a new snapshot, in the queue; a failure has nobody waiting, so it goes to onError. */
  #fold(documentId: string, when: 'now' | 'idle'): void {
    void this.#enqueue(documentId, async () => {
      const doc = this.#docs.get(documentId);
      if (!doc || !this.#worthFolding(doc, when)) return;
      try {
        await doc.snapshot(doc.header, doc.text, this.#now());
        this.#foldAfter.delete(documentId);
      } catch (error) {
        this.#foldAfter.set(documentId, doc.logBytes * 2);
        this.#onError(journalError(error, doc.header.path, this.folder), documentId);
      }
    });
  }

  #sync(documentId: string): Promise<void> {
    return this.#enqueue(documentId, async () => {
      const doc = this.#docs.get(documentId);
      // Unreachable with no doc (clear and close stop the sync timer before they drop it): defensive only.
      try {
        // Stryker disable next-line OptionalChaining: see above
        await doc?.sync();
      } catch (error) {
        // Stryker disable next-line OptionalChaining,StringLiteral: see above
        throw journalError(error, doc?.header.path ?? `document ${documentId}`, this.folder);
      }
    });
  }

  // Unref'd: a pending fsync or compaction never keeps a process alive that is otherwise done.
  #timer(run: () => void, ms: number): Timer {
    const timer = setTimeout(run, ms);
    timer.unref();
    return timer;
  }

  #stopTimers(documentId: string): void {
    clearTimeout(this.#syncTimers.get(documentId));
    clearTimeout(this.#idleTimers.get(documentId));
    this.#syncTimers.delete(documentId);
    this.#idleTimers.delete(documentId);
  }

  #enqueue(documentId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.#queues.get(documentId) ?? Promise.resolve();
    const recovery = this.#recovery;
    const run = previous.then(() => recovery).then(work);
    const tail = run.catch(() => undefined);
    this.#queues.set(documentId, tail);
    // Only frees an idle document's entry: every reader of #queues awaits tails already settled.
    // Stryker disable next-line BlockStatement: see above
    void tail.then(() => {
      // Stryker disable next-line ConditionalExpression: see above
      if (this.#queues.get(documentId) === tail) this.#queues.delete(documentId);
    });
    return run;
  }
}
