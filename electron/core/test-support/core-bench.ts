import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dropbox, files } from 'dropbox';
import type { LocalboxOptions } from '../../../localbox/index.ts';
import { startTestLocalbox, type TestLocalbox } from '../../../localbox/test-support/localbox.ts';
import { aesGcmCipher } from '../auth/aes-gcm-cipher.ts';
import { land, redirectAfter } from '../auth/test-support/browser.ts';
import { memoryStore } from '../auth/test-support/memory-store.ts';
import type { Cipher } from '../auth/token-vault.ts';
import type { JournalEntry } from '../journal/journal-entry.ts';
import { peekJournal } from '../journal/read-journal.ts';
import { createOpusCore, type OpusCoreOptions } from '../wiring/opus-core.ts';
import { type CoreHandle, handleFor } from './core-handle.ts';
import { eventually } from './waiting.ts';

/** Stands in for safeStorage: AES-256-GCM with a key fixed for the test run. */
export function testCipher(key = randomBytes(32)): Cipher {
  return aesGcmCipher(() => key);
}

/** The person at the browser: opens the consent page Opus sent them to and clicks Allow. */
export function approvingBrowser(): { openExternal(url: string): Promise<void>; opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    openExternal: async (url) => {
      opened.push(url);
      void redirectAfter(url, 'allow')
        .then(land)
        .catch(() => undefined);
    },
  };
}

/** Routes the watcher makes on its own, in the background. */
export const WATCHER_ROUTES = [
  'files/list_folder/longpoll',
  'files/list_folder/continue',
  'files/list_folder/get_latest_cursor',
];

export interface CoreBench {
  /** The localbox now serving (a new one after `localboxUp`, on the same port and data). */
  readonly lb: TestLocalbox;
  /** Localbox stops: open connections drop, new ones are refused. */
  localboxDown(): Promise<void>;
  /** Localbox answers again, on the same port, with the same files and tokens. */
  localboxUp(): Promise<void>;
  /** Opus's own folder on this computer (journal, local history). */
  dataDir: string;
  store: ReturnType<typeof memoryStore>;
  cipher: Cipher;
  browser: ReturnType<typeof approvingBrowser>;
  /** The core signed in through the browser at start. */
  opus: CoreHandle;
  /** Another computer: the official SDK, signed in to the same account (a fresh token each time). */
  readonly other: Dropbox;
  /** Requests localbox served per route since the last call, then counting starts afresh. */
  takeCounts(options?: { withoutWatcher?: boolean }): Record<string, number>;
  /** Waits until localbox has served `route` since counting last started afresh (without resetting). */
  routeSeen(route: string, timeoutMs?: number): Promise<void>;
  /**
   * Waits until the watcher has read a change and is waiting for the next one: a list_folder/continue,
   * then a fresh longpoll, since counting last started afresh.
   */
  watcherCaughtUp(timeoutMs?: number): Promise<void>;
  /** A new core on the same data folder and vault (the next start after a crash or a quit). */
  restart(options?: Partial<OpusCoreOptions>): Promise<CoreHandle>;
  /** A core of the same settings, not yet started or signed in. */
  createCore(options?: Partial<OpusCoreOptions>): CoreHandle;
  /** Puts a file on Dropbox from the other computer. */
  put(path: string, content: string | Uint8Array, mode?: files.WriteMode): Promise<files.FileMetadata>;
  /** The file's bytes as the other computer downloads them. */
  get(path: string): Promise<Buffer>;
  /** The unsaved text Opus's journal keeps for a document now, or null. */
  journaled(documentId: string): Promise<string | null>;
  stop(): Promise<void>;
}

const FAST_RETRY = { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 };

/**
 * A localbox (fault injection on) and an Opus core signed in to it through the real browser flow:
 * PKCE, the consent page, the loopback redirect, the token exchange.
 */
export async function startCoreBench(
  options: { localbox?: Partial<LocalboxOptions>; core?: Partial<OpusCoreOptions> } = {},
): Promise<CoreBench> {
  const localboxOptions: Partial<LocalboxOptions> = {
    faultInjection: true,
    account: { givenName: 'Ada', surname: 'Lovelace', email: 'ada@example.org' },
    ...options.localbox,
  };
  let lb = await startTestLocalbox(localboxOptions);
  let running = true;
  const firstLocalbox = lb;
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-core-'));
  const store = memoryStore();
  const cipher = testCipher();
  const browser = approvingBrowser();
  const cores: CoreHandle[] = [];

  const createCore = (extra: Partial<OpusCoreOptions> = {}) => {
    const handle = handleFor(
      createOpusCore({
        endpoints: { origin: lb.box.url, appKey: lb.box.appKey },
        provider: 'localbox',
        dataDir,
        store,
        cipher,
        openExternal: browser.openExternal,
        version: 'test',
        signInPorts: [0],
        journalSyncDelayMs: 50,
        longpollSeconds: 30,
        gateway: { retry: FAST_RETRY },
        ...options.core,
        ...extra,
      }),
    );
    cores.push(handle);
    return handle;
  };

  const opus = createCore();
  await opus.call('signIn', {});
  const signedIn = await opus.events.waitFor('accountChanged', (e) => e.signedIn, 10_000);
  if (!signedIn.account) throw new Error(`signed in without an account: ${JSON.stringify(signedIn)}`);

  return {
    get lb() {
      return lb;
    },
    // Fresh each time: a test may expire every token localbox issued so far.
    get other() {
      return lb.client();
    },
    localboxDown: async () => {
      await lb.box.close();
      running = false;
    },
    localboxUp: async () => {
      lb = await startTestLocalbox({
        ...localboxOptions,
        dataDir: firstLocalbox.dataDir,
        port: firstLocalbox.box.port,
        appKey: firstLocalbox.box.appKey,
      });
      running = true;
    },
    dataDir,
    store,
    cipher,
    browser,
    opus,
    takeCounts: ({ withoutWatcher = false } = {}) => {
      const counts = lb.box.requestCounts();
      lb.box.resetRequestCounts();
      if (withoutWatcher) for (const route of WATCHER_ROUTES) delete counts[route];
      return counts;
    },
    routeSeen: (route, timeoutMs = 2000) =>
      eventually(() => (lb.box.requestCounts()[route] ?? 0) > 0, timeoutMs, `a ${route} request`),
    watcherCaughtUp: (timeoutMs = 2000) =>
      eventually(
        () => {
          const counts = lb.box.requestCounts();
          return (
            (counts['files/list_folder/continue'] ?? 0) > 0 && (counts['files/list_folder/longpoll'] ?? 0) > 0
          );
        },
        timeoutMs,
        'the watcher catching up',
      ),
    createCore,
    restart: async (extra) => {
      const handle = createCore(extra);
      await handle.core.start();
      await handle.events.waitFor('accountChanged', (e) => e.signedIn && e.account !== undefined, 5000);
      return handle;
    },
    put: async (path, content, mode = { '.tag': 'overwrite' }) => {
      const contents = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      return (await lb.client().filesUpload({ path, contents, mode })).result;
    },
    get: async (path) => {
      const { result } = await lb.client().filesDownload({ path });
      return Buffer.from((result as unknown as { fileBinary: Uint8Array }).fileBinary);
    },
    journaled: async (documentId) => {
      // One journal folder per account; this bench has one account, so one folder.
      const entries = await journaledEntries(dataDir);
      return entries.find((entry) => entry.documentId === documentId)?.text ?? null;
    },
    stop: async () => {
      await Promise.allSettled(cores.map((handle) => handle.close()));
      if (running) await lb.box.close();
      rmSync(firstLocalbox.dataDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What Opus's journal would restore now, across the per-account folders, changing nothing on disk. */
async function journaledEntries(dataDir: string): Promise<JournalEntry[]> {
  const root = join(dataDir, 'journal');
  const entries: JournalEntry[] = [];
  for (const account of await readdir(root).catch(() => [] as string[]))
    entries.push(...(await peekJournal(join(root, account))));
  return entries;
}

/** The texts kept in Opus's journal now, across the per-account journal folders. */
export async function journaledTexts(dataDir: string): Promise<string[]> {
  return (await journaledEntries(dataDir)).map((entry) => entry.text);
}
