import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALL_CHANNEL } from '../../common/channels.ts';
import { memoryStore } from '../../core/auth/test-support/memory-store.ts';
import { type KeyValueStore, TokenVault } from '../../core/auth/token-vault.ts';
import { eventually } from '../../core/test-support/waiting.ts';
import { type BootedOpus, type BootOptions, bootOpus } from '../../core/wiring/boot.ts';
import { localboxEndpoints } from '../../core/wiring/provider.ts';
import { type ShellDeps, startShell } from '../start-shell.ts';
import { safeStorageCipher } from '../storage.ts';
import { type FakeElectron, fakeElectron } from './fake-electron.ts';
import type { FakeWindow } from './fake-window.ts';

const OUT = fileURLToPath(new URL('../../../out/', import.meta.url));
const launched: LaunchedShell[] = [];

export interface LaunchedShell {
  electron: FakeElectron;
  /** The folder the fake's appData, userData and logs live under. */
  root: string;
  store: KeyValueStore;
  /** What the shell wrote to stderr. */
  lines: string[];
  /** Opus as the shell booted it (the real bootOpus, with its embedded localbox), once it has. */
  booted(): BootedOpus | null;
  /** A call from the page in `window`'s main frame, as the preload sends it. */
  call(window: FakeWindow, name: string, request?: unknown): Promise<unknown>;
}

export interface LaunchOptions {
  platform?: NodeJS.Platform;
  /** The fake's folders live here (another launch's: the same computer, started again). */
  root?: string;
  /** Settings and the vault (another launch's: the same profile). */
  store?: KeyValueStore;
  /** Another Opus is running: the single-instance lock is taken. */
  otherInstance?: boolean;
  /** Wraps bootOpus, to watch or hold the core. */
  boot?: (options: BootOptions) => Promise<BootedOpus>;
  env?: NodeJS.ProcessEnv;
  /** The launch's command line (files the OS passed come after the app's folder). */
  argv?: string[];
  /** The app's updater, as main.ts gives electron-updater's. */
  updater?: ShellDeps['updater'];
}

/** Starts the shell against a fake Electron, and makes it ready, as launching the app does. */
export function launchShell(options: LaunchOptions = {}): LaunchedShell {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'opus-shell-'));
  const store = options.store ?? memoryStore();
  const electron = fakeElectron(root, options.platform ?? 'linux');
  electron.app.singleInstance = !options.otherInstance;
  let booted: BootedOpus | null = null;
  const lines: string[] = [];
  startShell(electron, {
    outDir: OUT,
    openStore: () => store,
    boot: async (bootOptions) => {
      booted = await (options.boot ?? bootOpus)(bootOptions);
      return booted;
    },
    env: options.env ?? {},
    argv: options.argv ?? ['electron', 'out/electron/main.js'],
    ...(options.updater ? { updater: options.updater } : {}),
    platform: options.platform ?? 'linux',
    stderr: (line) => lines.push(line),
  });
  electron.app.becomeReady();
  const shell: LaunchedShell = {
    electron,
    root,
    store,
    lines,
    booted: () => booted,
    call: (window, name, request = {}) =>
      electron.ipcMain.invoke(CALL_CHANNEL, window.webContents.mainFrame, name, request),
  };
  launched.push(shell);
  return shell;
}

/** For afterEach: a shell a test left running has its core closed, and every folder goes. */
export async function closeLaunchedShells(): Promise<void> {
  const roots = new Set<string>();
  for (const shell of launched.splice(0)) {
    roots.add(shell.root);
    const ended = await Promise.race([shell.electron.app.ended.then(() => true), Promise.resolve(false)]);
    if (!ended) await shell.booted()?.close();
  }
  for (const root of roots) rmSync(root, { recursive: true, force: true });
}

/**
 * A first run that signed in and quit: its refresh token is kept in the vault, sealed by the keychain,
 * so a launch on its `root` and `store` starts signed in, as a second start of the app does.
 */
export async function launchAndSignIn(): Promise<LaunchedShell> {
  const first = launchShell();
  await eventually(() => first.electron.window()?.visible === true, 10_000, 'the window to show');
  const localbox = first.booted()?.localbox;
  if (!localbox) throw new Error('no embedded localbox');
  const tokens = localbox.issueTokens();
  const answer = await fetch(`${localbox.url}/2/users/get_current_account`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.access_token}` },
  });
  const account = (await answer.json()) as { account_id: string };
  const vault = new TokenVault({
    store: first.store,
    cipher: safeStorageCipher(first.electron.safeStorage, () => {}),
    endpoints: localboxEndpoints(localbox.url, localbox.appKey),
    log: { info: () => {}, warn: () => {} },
  });
  await vault.save({ refreshToken: tokens.refresh_token ?? '', accountId: account.account_id });
  first.electron.app.quit();
  await first.electron.app.ended;
  return first;
}
