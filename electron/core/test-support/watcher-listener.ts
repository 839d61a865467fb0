import type { Gateway } from '../dropbox/gateway.ts';
import { Watcher, type WatcherOptions } from '../watcher/watcher.ts';
import { pause } from './waiting.ts';

/** One call the watcher made to its caller: a page of changes (by name), a reset, or reachability. */
export type Heard = { folder: string; names: string[] } | { reset: string } | { online: boolean };

export interface WatcherListener {
  watcher: Watcher;
  /** Every call the watcher made to the caller, in order. */
  heard: Heard[];
  /** Every wait the watcher asked for, in ms: retries and Dropbox's backoff. */
  sleeps: number[];
  /** From now on each wait lasts until `release()` (a wait takes a millisecond otherwise). */
  hold(): void;
  release(): void;
}

/** A watcher as the document layer holds one, on a real gateway, recording what it was told. */
export function listenTo(gateway: Gateway, options: Partial<WatcherOptions> = {}): WatcherListener {
  const heard: Heard[] = [];
  const sleeps: number[] = [];
  let held: Promise<void> = Promise.resolve();
  let release = () => {};
  const watcher = new Watcher({
    gateway,
    longpollSeconds: 30,
    onEntries: (folder, entries) => {
      heard.push({ folder, names: entries.map((entry) => entry.name) });
    },
    onReset: (folder) => {
      heard.push({ reset: folder });
    },
    onConnection: (online) => {
      heard.push({ online });
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      await Promise.all([held, pause(1)]);
    },
    ...options,
  });
  return {
    watcher,
    heard,
    sleeps,
    hold: () => {
      held = new Promise((resolve) => {
        release = resolve;
      });
    },
    release: () => release(),
  };
}
