import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { memoryStore } from '../../electron/core/auth/test-support/memory-store.ts';
import { approvingBrowser, testCipher } from '../../electron/core/test-support/core-bench.ts';
import { type CoreHandle, handleFor } from '../../electron/core/test-support/core-handle.ts';
import { eventually } from '../../electron/core/test-support/waiting.ts';
import { createOpusCore } from '../../electron/core/wiring/opus-core.ts';
import { fetchAgain, repoRoot } from './support.ts';

/** What the open and save figures need of a bench: the core, the server's address, and its counts. */
export interface RemoteBench {
  opus: CoreHandle;
  url: string;
  appKey: string;
  token: string;
  /** Requests per route since the last take, which starts the count again. */
  takeCounts(): Promise<Record<string, number>>;
  peekCounts(): Promise<Record<string, number>>;
  routeSeen(route: string, timeoutMs?: number): Promise<void>;
  watcherCaughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface RemoteBenchOptions {
  /** localbox's largest request body (`--max-upload-mib`); Dropbox's 150 MiB when left out. */
  maxUploadMiB?: number;
  /** Gateway settings for the core, e.g. a lower session threshold for a scaled-down run. */
  gateway?: Parameters<typeof createOpusCore>[0]['gateway'];
  /** Fills localbox's data folder before it starts (the Quick Open figure's 100,000 paths). */
  seed?: (dataDir: string) => void;
}

/**
 * The core in this process and localbox in its own, as Dropbox is another computer: the server's work
 * does not share the core's thread, so what the core does while bytes travel is not charged twice.
 */
export async function startRemoteBench(options: RemoteBenchOptions = {}): Promise<RemoteBench> {
  const folder = mkdtempSync(join(tmpdir(), 'opus-bench-remote-'));
  options.seed?.(join(folder, 'box'));
  const child = spawn(
    process.execPath,
    [
      join(repoRoot(), 'out', 'localbox', 'cli.js'),
      '--port',
      '0',
      '--data-dir',
      join(folder, 'box'),
      '--print-token',
      '--faults',
      '--log-level',
      'error',
      ...(options.maxUploadMiB ? ['--max-upload-mib', String(options.maxUploadMiB)] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const reader = createInterface({ input: child.stdout });
    reader.on('line', (line) => {
      lines.push(line);
      if (lines.length === 2) resolve();
    });
    child.once('exit', (code) => reject(new Error(`localbox exited (${code}) before starting`)));
  });
  const [, url, appKey] = /listening on (\S+) app_key=(\S+)/.exec(lines[0] ?? '') ?? [];
  const token = /^access_token=(\S+)/.exec(lines[1] ?? '')?.[1] ?? '';
  if (!url || !appKey || !token) throw new Error(`localbox printed ${lines.join(' / ')}`);

  // Asked again on a new socket when localbox closed a kept-alive one: nothing reached it, nothing counts twice.
  const counts = async (reset: boolean): Promise<Record<string, number>> =>
    (await (
      await fetchAgain(`${url}/__localbox/requests`, { method: reset ? 'POST' : 'GET' })
    ).json()) as Record<string, number>;
  const seen = async (route: string) => ((await counts(false))[route] ?? 0) > 0;

  const browser = approvingBrowser();
  const opus = handleFor(
    createOpusCore({
      endpoints: { origin: url, appKey },
      provider: 'localbox',
      dataDir: join(folder, 'opus'),
      store: memoryStore(),
      cipher: testCipher(),
      openExternal: browser.openExternal,
      version: 'bench',
      signInPorts: [0],
      gateway: options.gateway,
      // The journal's fsync follows a record at once here, so a figure can wait it out (journalSettled).
      journalSyncDelayMs: 0,
    }),
  );
  await opus.call('signIn', {});
  await opus.events.waitFor('accountChanged', (e) => e.signedIn && e.account !== undefined, 10_000);

  return {
    opus,
    url,
    appKey,
    token,
    takeCounts: () => counts(true),
    peekCounts: () => counts(false),
    routeSeen: (route, timeoutMs = 5000) => eventually(() => seen(route), timeoutMs, `a ${route} request`),
    watcherCaughtUp: (timeoutMs = 5000) =>
      eventually(
        async () => (await seen('files/list_folder/continue')) && (await seen('files/list_folder/longpoll')),
        timeoutMs,
        'the watcher catching up',
      ),
    stop: async () => {
      await opus.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Typing reaches the journal before Save is pressed, and its fsync follows in the background (within a
 * second in the app): waited out, so the save figures time the save, as they did when the journal was
 * written inside the note the window sent before Save.
 */
export const journalSettled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));
