import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALL_CHANNEL } from '../../common/channels.ts';
import { memoryStore } from '../../core/auth/test-support/memory-store.ts';
import type { KeyValueStore } from '../../core/auth/token-vault.ts';
import { type BootedOpus, type BootOptions, bootOpus } from '../../core/wiring/boot.ts';
import { startShell } from '../start-shell.ts';
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
