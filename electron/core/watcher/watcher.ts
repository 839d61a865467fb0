import { setTimeout as wait } from 'node:timers/promises';
import type { Gateway } from '../dropbox/gateway.ts';
import type { RemoteEntry } from '../dropbox/remote-file.ts';
import { isOpusError } from '../errors.ts';

export interface WatcherOptions {
  gateway: Gateway;
  /** Called for every entry that changed in a watched folder, in Dropbox's order. */
  onEntries(folderLower: string, entries: RemoteEntry[]): Promise<void> | void;
  /** Called after a cursor reset: changes may have been missed, so the caller re-checks that folder. */
  onReset(folderLower: string): Promise<void> | void;
  /** Reachability as the watcher sees it, for the status bar. */
  onConnection?(online: boolean): void;
  /** Seconds Dropbox may hold a longpoll before answering "no changes" (30–480). */
  longpollSeconds?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** How a loop gets its cursor, at the start and after a reset (default: the folder's latest cursor). */
  firstCursor?(folderLower: string): Promise<string>;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 60_000;

/**
 * One longpoll loop per folder that holds open documents: Dropbox answers as soon as something in the
 * folder changes, so a remote edit is seen within a second without polling. `backoff` is honoured,
 * `reset` starts again from the latest cursor, and errors are retried with a growing delay.
 */
export class Watcher {
  private readonly loops = new Map<string, { users: number; stop: AbortController }>();
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly options: WatcherOptions) {
    this.sleep = options.sleep ?? ((ms, signal) => wait(ms, undefined, { signal }));
  }

  /** Starts watching the folder (path_lower, "" for the root); counted, so two documents share one loop. */
  watch(folderLower: string): void {
    const loop = this.loops.get(folderLower);
    if (loop) {
      loop.users++;
      return;
    }
    const stop = new AbortController();
    this.loops.set(folderLower, { users: 1, stop });
    void this.run(folderLower, stop.signal);
  }

  unwatch(folderLower: string): void {
    const loop = this.loops.get(folderLower);
    if (!loop) return;
    loop.users--;
    if (loop.users > 0) return;
    loop.stop.abort();
    this.loops.delete(folderLower);
  }

  watching(): string[] {
    return [...this.loops.keys()];
  }

  stop(): void {
    for (const loop of this.loops.values()) loop.stop.abort();
    this.loops.clear();
  }

  private async run(folder: string, signal: AbortSignal): Promise<void> {
    const { gateway } = this.options;
    let cursor: string | null = null;
    let failures = 0;
    while (!signal.aborted) {
      try {
        cursor ??= await (this.options.firstCursor?.(folder) ?? gateway.latestCursor(folder));
        if (failures > 0) {
          // Back after a failure: catch up on what changed meanwhile and say so now, rather than only
          // once a longpoll answers (up to its timeout later), so waiting saves go up at once.
          cursor = await this.drain(folder, cursor, signal);
          failures = 0;
          this.options.onConnection?.(true);
        }
        const answer = await gateway.longpoll(cursor, this.options.longpollSeconds ?? 30, signal);
        if (answer.kind === 'reset') {
          cursor = null;
          await this.options.onReset(folder);
          continue;
        }
        if (answer.kind === 'changes') cursor = await this.drain(folder, cursor, signal);
        if (answer.backoffSeconds) await this.sleep(answer.backoffSeconds * 1000, signal);
      } catch (error) {
        if (signal.aborted) return;
        failures++;
        if (isOpusError(error, 'offline')) this.options.onConnection?.(false);
        if (isOpusError(error, 'not_found')) {
          // A dead cursor (Dropbox's `reset` on continue): start again, and let the caller re-check.
          cursor = null;
          await Promise.resolve(this.options.onReset(folder)).catch(() => undefined);
        }
        const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(failures - 1, 10));
        // A rate limit names its own wait (Retry-After): asking sooner only extends it.
        const asked = isOpusError(error, 'rate_limited') ? (error.detail.retryAfter ?? 0) * 1000 : 0;
        await this.sleep(Math.max(asked, delay * (0.5 + Math.random() / 2)), signal).catch(() => undefined);
      }
    }
  }

  private async drain(folder: string, cursor: string, signal: AbortSignal): Promise<string> {
    let next = cursor;
    for (;;) {
      const page = await this.options.gateway.listFolderContinue(next);
      next = page.cursor;
      if (signal.aborted) return next;
      if (page.entries.length > 0) await this.options.onEntries(folder, page.entries);
      if (!page.hasMore) return next;
    }
  }
}
