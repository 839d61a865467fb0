import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Sent } from './bytes-per-key.ts';

/** Milliseconds on a clock every thread of the bench shares (each thread's `now()` has its own origin). */
export const sharedClock = () => performance.timeOrigin + performance.now();

/** Often enough to see each file of a write once complete: the journal writes at most a few per second. */
const SAMPLE_EVERY_MS = 10;
/**
 * Growth of one file this soon after its last growth continues the same write: a 20 MiB file is written
 * in chunks, with pauses of 30 ms seen between them on a busy machine; appends for keys typed at 15 a
 * second come about 67 ms apart.
 */
const SAME_WRITE_MS = 50;

/**
 * The bytes written into a folder (the journal), counted from outside the process by watching its files:
 * a sum of bytes written, not the change in the folder's size. A file is known by its generation (device,
 * inode, birth time), which a rename keeps and a new file does not, even on a reused inode number, so:
 * - a file rewritten whole (a temp file written, then renamed over the old one) counts its full size each
 *   time, though the folder's size barely changes;
 * - a log that is appended to counts what it grew by;
 * - a file truncated and rewritten in place counts its new size, as seen.
 * Growth is grouped into writes: one file's growth with pauses under SAME_WRITE_MS, timed by its first.
 */
export class JournalWrites {
  readonly #folder: string;
  readonly #clock: () => number;
  readonly #everyMs: number | null;
  /** The largest size seen of each file generation. */
  readonly #sizes = new Map<string, number>();
  readonly #writes: Sent[] = [];
  /** The write each file generation is in, and when it last grew. */
  readonly #open = new Map<string, { write: Sent; lastAt: number }>();
  #lastGrowth = Number.NEGATIVE_INFINITY;
  #running: Promise<void> | null = null;
  #stopping = false;
  #sampling: Promise<void> = Promise.resolve();
  readonly #onGrowth: (at: number) => void;

  /** `everyMs` null: no sampling of its own, only `sample()` when the caller says (tests). */
  constructor(
    folder: string,
    clock: () => number,
    everyMs: number | null = SAMPLE_EVERY_MS,
    onGrowth: (at: number) => void = () => {},
  ) {
    this.#folder = folder;
    this.#clock = clock;
    this.#everyMs = everyMs;
    this.#onGrowth = onGrowth;
  }

  /** Takes what is there now as already written, then samples until `stop`. */
  async start(): Promise<void> {
    for (const [generation, size] of await this.#files()) this.#sizes.set(generation, size);
    this.#stopping = false;
    this.#lastGrowth = Number.NEGATIVE_INFINITY;
    if (this.#everyMs !== null) this.#running = this.#loop(this.#everyMs);
  }

  /** When a sample last saw the folder grow (-Infinity: not since `start`): the journal is quiet since. */
  get lastGrowthAt(): number {
    return this.#lastGrowth;
  }

  /** Samples once more and answers the writes seen since `start`. */
  async stop(): Promise<Sent[]> {
    this.#stopping = true;
    await this.#running;
    await this.sample();
    this.#close(Number.POSITIVE_INFINITY);
    return this.#writes.splice(0).sort((a, b) => a.at - b.at);
  }

  /** One look at the folder (one at a time, so no growth is counted twice); public for tests. */
  sample(): Promise<void> {
    this.#sampling = this.#sampling.then(() => this.#sample());
    return this.#sampling;
  }

  async #sample(): Promise<void> {
    const at = this.#clock();
    this.#close(at - SAME_WRITE_MS);
    for (const [generation, size] of await this.#files()) {
      const seen = this.#sizes.get(generation) ?? 0;
      if (size === seen) continue;
      this.#sizes.set(generation, size);
      const grown = size > seen ? size - seen : size;
      const open = this.#open.get(generation);
      if (open) {
        open.write.bytes += grown;
        open.lastAt = at;
      } else this.#open.set(generation, { write: { at, bytes: grown }, lastAt: at });
      this.#lastGrowth = at;
      this.#onGrowth(at);
    }
  }

  /** Ends the writes of files that have not grown since `before`. */
  #close(before: number): void {
    for (const [generation, { write, lastAt }] of this.#open) {
      if (lastAt >= before) continue;
      this.#writes.push(write);
      this.#open.delete(generation);
    }
  }

  async #loop(everyMs: number): Promise<void> {
    while (!this.#stopping) {
      await this.sample();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /** Every file under the folder by generation; files that vanish between listing and stat are skipped. */
  async #files(): Promise<Map<string, number>> {
    const files = new Map<string, number>();
    let names: string[];
    try {
      names = await readdir(this.#folder, { recursive: true });
    } catch {
      return files;
    }
    await Promise.all(
      names.map(async (name) => {
        const info = await stat(join(this.#folder, name), { bigint: true }).catch(() => null);
        if (!info?.isFile()) return;
        files.set(`${info.dev}:${info.ino}:${info.birthtimeNs}`, Number(info.size));
      }),
    );
    return files;
  }
}

type FromThread = { grew: number } | { started: true } | { writes: Sent[] };

/**
 * JournalWrites on a worker thread of its own (journal-writes-thread.mjs), on `sharedClock`. The bench's
 * main thread, where Playwright decodes every request the page makes, stalls for a second and more while
 * the page posts 20 MiB (measured: event loop delay up to 1.4 s), long enough to miss a journal file
 * written and replaced meanwhile; the thread keeps sampling.
 */
export class JournalWritesThread {
  readonly #worker: Worker;
  readonly #replies: { resolve(message: FromThread): void; reject(error: Error): void }[] = [];
  #lastGrowth = Number.NEGATIVE_INFINITY;

  constructor(folder: string) {
    this.#worker = new Worker(new URL('./journal-writes-thread.mjs', import.meta.url), {
      workerData: { folder },
    });
    this.#worker.on('message', (message: FromThread) => {
      if ('grew' in message) this.#lastGrowth = message.grew;
      else this.#replies.shift()?.resolve(message);
    });
    this.#worker.on('error', (error) => {
      for (const reply of this.#replies.splice(0)) reply.reject(error);
    });
  }

  get lastGrowthAt(): number {
    return this.#lastGrowth;
  }

  async start(): Promise<void> {
    this.#lastGrowth = Number.NEGATIVE_INFINITY;
    await this.#ask('start');
  }

  async stop(): Promise<Sent[]> {
    const reply = await this.#ask('stop');
    return 'writes' in reply ? reply.writes : [];
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }

  #ask(order: 'start' | 'stop'): Promise<FromThread> {
    return new Promise((resolve, reject) => {
      this.#replies.push({ resolve, reject });
      this.#worker.postMessage(order);
    });
  }
}
