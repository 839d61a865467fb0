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

export { memoryStore };

import type { Envelope } from '../contract/api.ts';
import type { CommandName, CommandRequest, CommandResponse } from '../contract/commands.ts';
import type { EventName, EventPayload } from '../contract/events.ts';
import type { DocumentSnapshot, SaveResult, TextEdit } from '../contract/shapes.ts';
import type { JournalEntry } from '../journal/journal-entry.ts';
import { peekJournal } from '../journal/read-journal.ts';
import { createOpusCore, type OpusCore, type OpusCoreOptions } from './opus-core.ts';

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

interface Recorded {
  name: EventName;
  payload: unknown;
}

/** Every event the core pushed, and a way to wait for the next one that matters. */
export class EventRecorder {
  private list: Recorded[] = [];
  private readonly waiters = new Set<() => void>();

  readonly listener = <N extends EventName>(name: N, payload: EventPayload<N>): void => {
    this.list.push({ name, payload });
    for (const wake of this.waiters) wake();
  };

  /** Forgets what was seen so far: `waitFor` and `of` look only at what comes next. */
  clear(): void {
    this.list = [];
  }

  of<N extends EventName>(name: N): EventPayload<N>[] {
    return this.list.filter((e) => e.name === name).map((e) => e.payload as EventPayload<N>);
  }

  names(): EventName[] {
    return this.list.map((e) => e.name);
  }

  /** The first event of `name` since the last clear that satisfies `predicate`, seen or still to come. */
  waitFor<N extends EventName>(
    name: N,
    predicate: (payload: EventPayload<N>) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<EventPayload<N>> {
    const find = () => this.of(name).find(predicate);
    const already = find();
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const wake = () => {
        const found = find();
        if (!found) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(
          new Error(`no ${name} event within ${timeoutMs} ms; saw: ${this.names().join(', ') || 'nothing'}`),
        );
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }
}

/** The answer of a command that failed, for asserting on its kind. */
export class CallFailed extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(`${kind}: ${message}`);
  }
}

/** One Opus core as a window sees it: calls through the contract and the events it pushes. */
export interface CoreHandle {
  core: OpusCore;
  events: EventRecorder;
  /** Calls a command; the value, or a CallFailed with the error's kind. */
  call<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandResponse<N>>;
  /** The raw envelope, for commands expected to fail. */
  envelope(name: CommandName, request: unknown): Promise<Envelope<unknown>>;
  open(path: string): Promise<DocumentSnapshot>;
  /**
   * The test's editor of a document: the rev its text is based on (the latest main announced: it takes
   * every reload) and its version, which `typeText` moves on.
   */
  editorOf(documentId: string): { rev: string; version: number };
  /** Closes the core (flushes the journal, stops the watcher). */
  close(): Promise<void>;
}

/*
 * What the user does to a document's text, as the tests say it. Every test goes through these rather
 * than through the edit and save commands themselves, so a change of how the window sends its text to
 * main changes these bodies only. Each answers as the command does; a failure is a CallFailed.
 */

/** The editor now shows `text` (as if typed): main journals it and marks the document dirty. */
export async function typeText(opus: CoreHandle, documentId: string, text: string): Promise<void> {
  const editor = opus.editorOf(documentId);
  editor.version++;
  const { applied } = await opus.call('editDocument', {
    documentId,
    baseRev: editor.rev,
    version: editor.version,
    change: { kind: 'text', text },
  });
  if (!applied) throw new Error('main refused the whole text');
}

/** Keystrokes: `edits`, each applied to the text the one before left, sent as the editor sends them. */
export async function typeEdits(opus: CoreHandle, documentId: string, edits: TextEdit[]): Promise<void> {
  const editor = opus.editorOf(documentId);
  const from = editor.version;
  editor.version++;
  const { applied } = await opus.call('editDocument', {
    documentId,
    baseRev: editor.rev,
    version: editor.version,
    change: { kind: 'edits', from, edits },
  });
  if (!applied) throw new Error('main refused the edits');
}

/** The editor shows `text` and the user presses Save (`confirmed`: the guard-rail question answered yes). */
export async function saveText(
  opus: CoreHandle,
  documentId: string,
  text: string,
  options: { confirmed?: boolean } = {},
): Promise<SaveResult> {
  await typeText(opus, documentId, text);
  const { rev, version } = opus.editorOf(documentId);
  return opus.call('saveDocument', { documentId, version, baseRev: rev, ...options });
}

/** The editor shows `text` and the user saves it as `path` (`overwrite`: replacing a taken path was asked). */
export async function saveTextAs(
  opus: CoreHandle,
  documentId: string,
  path: string,
  text: string,
  options: { overwrite?: boolean } = {},
): Promise<SaveResult> {
  await typeText(opus, documentId, text);
  const { version } = opus.editorOf(documentId);
  return opus.call('saveDocumentAs', { documentId, version, path, ...options });
}

/** The editor shows `text` and the user asks to merge it with Dropbox's version. */
export async function mergeText(
  opus: CoreHandle,
  documentId: string,
  text: string,
): Promise<CommandResponse<'mergeConflict'>> {
  await typeText(opus, documentId, text);
  return opus.call('mergeConflict', { documentId, version: opus.editorOf(documentId).version });
}

export type Resolution = CommandRequest<'resolveConflict'>['resolution'];

/**
 * The editor shows `text` and the user answers the conflict with `resolution` (for `use_merged`, `text`
 * is the reviewed merge).
 */
export async function resolveWith(
  opus: CoreHandle,
  documentId: string,
  resolution: Resolution,
  text: string,
): Promise<CommandResponse<'resolveConflict'>> {
  if (resolution === 'use_merged')
    return opus.call('resolveConflict', {
      documentId,
      resolution,
      version: opus.editorOf(documentId).version,
      text,
    });
  await typeText(opus, documentId, text);
  return opus.call('resolveConflict', { documentId, resolution, version: opus.editorOf(documentId).version });
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

export function handleFor(core: OpusCore): CoreHandle {
  const events = new EventRecorder();
  core.subscribe(events.listener);
  const editors = new Map<string, { rev: string; version: number }>();
  const follow = (documentId: string, rev: string) => {
    const editor = editors.get(documentId);
    if (editor) editor.rev = rev;
    else editors.set(documentId, { rev, version: 1 });
  };
  core.subscribe((name, payload) => {
    if (name === 'documentStateChanged') {
      const { documentId, remote } = payload as EventPayload<'documentStateChanged'>;
      follow(documentId, remote.rev);
    }
    if (name === 'documentReloaded') {
      const { snapshot } = payload as EventPayload<'documentReloaded'>;
      follow(snapshot.documentId, snapshot.remote.rev);
    }
  });
  const call = async <N extends CommandName>(name: N, request: CommandRequest<N>) => {
    const answer = await core.call(name, request);
    if (!answer.ok) throw new CallFailed(answer.error.kind, answer.error.message);
    return answer.value as CommandResponse<N>;
  };
  return {
    core,
    events,
    call,
    envelope: (name, request) => core.call(name, request),
    open: async (path) => {
      const snapshot = await call('openDocument', { path });
      follow(snapshot.documentId, snapshot.remote.rev);
      return snapshot;
    },
    editorOf: (documentId) => {
      const editor = editors.get(documentId);
      if (!editor) throw new Error(`no editor follows ${documentId}: open it first`);
      return editor;
    },
    close: () => core.close(),
  };
}

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

/** Waits until `check` holds, looking every few ms; fails after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 2000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
