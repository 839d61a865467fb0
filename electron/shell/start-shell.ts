// The Electron shell: it wires the core to a window and decides nothing. Everything that can run
// without Electron lives in electron/core and is tested there; this file is run by main.ts with the real
// Electron, and by the tests with a fake of it (test-support/fake-electron.ts).
import { join } from 'node:path';
import { EVENT_CHANNEL } from '../common/channels.ts';
import type { EventPayload } from '../common/contract/events.ts';
import type { KeyValueStore } from '../core/auth/token-vault.ts';
import type { NativeDialogs } from '../core/wiring/app-handlers.ts';
import type { BootedOpus, BootOptions } from '../core/wiring/boot.ts';
import { bindContract } from './ipc.ts';
import { logFile } from './log-file.ts';
import { installMenu } from './menu.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { denyAllPermissions, lockNavigation } from './security.ts';
import type { ShellElectron, ShellWindow } from './shell-electron.ts';
import { safeStorageCipher } from './storage.ts';
import { TaskbarProgress } from './taskbar-progress.ts';
import { APP_ORIGIN, isAllowedExternalUrl, windowOptions } from './window-options.ts';

export interface ShellDeps {
  /** The built app (out/): renderer/ and electron/preload.cjs. */
  outDir: string;
  /** Settings and the vault (electron-store in the app), opened once the profile folder is chosen. */
  openStore(): KeyValueStore;
  /** bootOpus in the app. */
  boot(options: BootOptions): Promise<BootedOpus>;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Each log line goes here (stderr in the app) and to main.log. */
  stderr(line: string): void;
}

function nativeDialogs(dialog: ShellElectron['dialog']): NativeDialogs {
  return {
    chooseLocalFile: async () => {
      const answer = await dialog.showOpenDialog({
        properties: ['openFile'],
        title: 'Upload a local file to Dropbox',
      });
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    chooseSaveLocation: async (suggestedName) => {
      const answer = await dialog.showSaveDialog({
        defaultPath: suggestedName,
        title: 'Download to your computer',
      });
      return answer.canceled ? null : (answer.filePath ?? null);
    },
  };
}

export function startShell(electron: ShellElectron, deps: ShellDeps): void {
  const { app } = electron;
  // Every line goes to stderr and to main.log in Electron's logs folder (README: where logs live).
  let writeLogFile: ((line: string) => void) | null = null;
  const log = (line: string) => {
    deps.stderr(line);
    writeLogFile ??= logFile(app.getPath('logs'));
    writeLogFile(line);
  };

  let opus: BootedOpus | null = null;
  let window: ShellWindow | null = null;
  /** The page has asked about every unsaved tab: its beforeunload no longer holds the window. */
  let mayClose = false;
  /** A quit is waiting for the window to close first (the page may still be asking). */
  let quitAfterClose = false;

  async function boot(): Promise<void> {
    serveRenderer(electron, join(deps.outDir, 'renderer'));
    denyAllPermissions(electron.session.defaultSession);
    const store = deps.openStore();
    opus = await deps.boot({
      dataDir: app.getPath('userData'),
      store,
      env: deps.env,
      core: (localboxUrl) => ({
        cipher: safeStorageCipher(electron.safeStorage, log, deps.platform),
        openExternal: async (url) => {
          if (!isAllowedExternalUrl(url, localboxUrl)) throw new Error(`refusing to open ${url}`);
          await electron.shell.openExternal(url);
        },
        dialogs: nativeDialogs(electron.dialog),
        window: {
          close: () => {
            mayClose = true;
            window?.close();
          },
        },
        version: app.getVersion(),
        log,
      }),
    });
    const { core, localbox } = opus;
    // The address only (no token): the end-to-end tests find the embedded localbox by it.
    if (localbox) log(`opus: embedded localbox at ${localbox.url}`);

    const bounds = (await store.get('window.bounds')) ?? null;
    const opened = new electron.BrowserWindow(
      windowOptions(join(deps.outDir, 'electron', 'preload.cjs'), bounds ? JSON.parse(bounds) : undefined),
    );
    window = opened;
    lockNavigation(opened);
    bindContract(electron.ipcMain, core, opened);
    const taskbar = new TaskbarProgress((fraction) => window?.setProgressBar(fraction));
    core.subscribe((name, payload) => {
      if (name === 'transferProgress') taskbar.update(payload as EventPayload<'transferProgress'>);
    });
    installMenu(electron.Menu, opened, deps.platform === 'darwin');
    opened.once('ready-to-show', () => window?.show());
    // The page keeps a beforeunload while any tab has unsaved changes. Instead of a generic prompt, it
    // is told to ask Save / Don't Save / Cancel for each tab, and calls closeWindow when it is done.
    opened.webContents.on('will-prevent-unload', (event) => {
      if (mayClose) event.preventDefault();
      else window?.webContents.send(EVENT_CHANNEL, 'menuCommand', { command: 'quit' });
    });
    opened.on('close', () => {
      if (window) void store.set('window.bounds', JSON.stringify(window.getBounds()));
    });
    opened.on('closed', () => {
      window = null;
      if (quitAfterClose) app.quit();
    });
    await opened.loadURL(`${APP_ORIGIN}/index.html`);
  }

  // A separate profile for a test run (and for anyone who wants one): every file Opus keeps lives here.
  if (deps.env.OPUS_USER_DATA) app.setPath('userData', deps.env.OPUS_USER_DATA);
  registerAppScheme(electron.protocol);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.whenReady().then(boot, (error) => {
    log(`opus: could not start: ${(error as Error)?.stack ?? error}`);
    app.exit(1);
  });
  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit();
  });
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    if (window && !window.isDestroyed()) {
      // The window goes first, so the page can ask about unsaved tabs while the core still runs.
      quitAfterClose = true;
      window.close();
      return;
    }
    // Unsaved text reaches the journal before the process ends.
    quitting = true;
    Promise.resolve(opus?.close()).finally(() => app.quit());
  });
}
