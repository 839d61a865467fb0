// The Electron shell: it wires the core to a window and decides nothing. Everything that can run
// without Electron lives in electron/core and is tested there; this file is run by main.ts with the real
// Electron, and by the tests with a fake of it (test-support/fake-electron.ts).
import { join } from 'node:path';
import type { KeyValueStore } from '../core/auth/token-vault.ts';
import type { NativeDialogs } from '../core/wiring/app-handlers.ts';
import type { BootedOpus, BootOptions } from '../core/wiring/boot.ts';
import type { CoreService } from '../core/wiring/core-service.ts';
import type { UpdaterPort } from '../core/wiring/updates.ts';
import { listenForFilesFromOs } from './files-from-os.ts';
import { logFile } from './log-file.ts';
import { type MainWindow, openMainWindow } from './main-window.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { allowOnlyWhatThePageNeeds } from './security.ts';
import type { ShellApp, ShellElectron } from './shell-electron.ts';
import { safeStorageCipher } from './storage.ts';
import { isAllowedExternalUrl } from './window-options.ts';

/** package.json's productName: the name Electron gives the app when it is launched from its folder. */
export const APP_NAME = 'Opus';

export interface ShellDeps {
  /** The built app (out/): renderer/ and electron/preload.cjs. */
  outDir: string;
  /** Settings and the vault (electron-store in the app), opened once the profile folder is chosen. */
  openStore(): KeyValueStore;
  /** bootOpus in the app. */
  boot(options: BootOptions): Promise<BootedOpus>;
  env: NodeJS.ProcessEnv;
  /** The launch's command line: files the OS passed to open (Windows, Linux). */
  argv: readonly string[];
  platform: NodeJS.Platform;
  /** The app's updater (updates.ts in the app: electron-updater needs the real Electron). */
  updater?(log: (line: string) => void): UpdaterPort;
  /** Each log line goes here (stderr in the app) and to main.log. */
  stderr(line: string): void;
}

const stackOf = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * Launched as `electron out/electron/main.js`, Electron finds no package.json and names the app
 * "Electron", its profile and log in Electron's folders: name it, and choose them, before any is used
 * (the single-instance lock lives in the profile too).
 */
function nameTheApp(app: ShellApp, env: NodeJS.ProcessEnv): void {
  app.setName(APP_NAME);
  // A separate profile for a test run (and for anyone who wants one): every file Opus keeps lives here.
  app.setPath('userData', env.OPUS_USER_DATA || join(app.getPath('appData'), APP_NAME));
  app.setAppLogsPath();
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
  const isMac = deps.platform === 'darwin';
  nameTheApp(app, deps.env);
  // Every line goes to stderr and to main.log in the logs folder (README: where logs live).
  let writeLogFile: ((line: string) => void) | null = null;
  const log = (line: string) => {
    deps.stderr(line);
    writeLogFile ??= logFile(app.getPath('logs'));
    writeLogFile(line);
  };
  registerAppScheme(electron.protocol);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Before ready: macOS sends open-file for the double-click that launched the app.
  const filesFromOs = listenForFilesFromOs(app, deps.argv, log);

  // Opened once Electron is ready, as it always was: by then the profile folder is final.
  let openedStore: KeyValueStore | null = null;
  const store = () => {
    openedStore ??= deps.openStore();
    return openedStore;
  };
  let opus: BootedOpus | null = null;
  let main: MainWindow | null = null;
  // The quit handshake. Electron quits in the order before-quit → each window's close and closed →
  // will-quit → quit; the core must close (the journal's last flush) after the window and before the
  // process ends, so before-quit is refused until it has, and the window is closed first.
  /** A quit waits for the window to close (the page may ask about unsaved tabs first). */
  let quitAfterClose = false;
  /** The page asks about unsaved tabs for a quit: its closeWindow resumes the quit, a Cancel drops it. */
  let quitWhenPageCloses = false;
  let closing: Promise<void> | null = null;
  let coreClosed = false;
  // The page's calls wait until the saved sign-in is restored, as if the window had opened after it.
  let signInRestored: () => void = () => {};
  const afterSignIn = new Promise<void>((resolve) => {
    signInRestored = resolve;
  });
  let restoring = false;

  const closeCoreThenQuit = () => {
    closing ??= Promise.resolve(opus?.close())
      .catch((error) => log(`opus: closing failed: ${stackOf(error)}`))
      .then(() => {
        coreClosed = true;
        app.quit();
      });
  };

  const showWindow = async (core: CoreService & { start(): Promise<void> }): Promise<void> => {
    const pageCore: CoreService = {
      call: async (name, request) => {
        await afterSignIn;
        return core.call(name, request);
      },
      subscribe: (listener) => core.subscribe(listener),
      close: () => core.close(),
    };
    main = await openMainWindow(electron, pageCore, {
      outDir: deps.outDir,
      isMac,
      store: store(),
      // A keychain (or keyring) prompt appears in front of the window, not alone before it.
      onShown: () => {
        if (restoring) return;
        restoring = true;
        core
          .start()
          .catch((error) => log(`opus: the saved sign-in was not restored: ${stackOf(error)}`))
          .finally(signInRestored);
      },
      onPageAsked: () => {
        quitWhenPageCloses = quitAfterClose;
        quitAfterClose = false;
      },
      onClosed: () => {
        main = null;
        if (quitAfterClose) app.quit();
      },
    });
    await main.loaded;
  };

  const boot = async (): Promise<void> => {
    serveRenderer(electron, join(deps.outDir, 'renderer'));
    allowOnlyWhatThePageNeeds(electron.session.defaultSession);
    opus = await deps.boot({
      dataDir: app.getPath('userData'),
      store: store(),
      env: deps.env,
      signInLater: true,
      core: (localboxUrl) => ({
        cipher: safeStorageCipher(electron.safeStorage, log, deps.platform),
        openExternal: async (url) => {
          if (!isAllowedExternalUrl(url, localboxUrl)) throw new Error(`refusing to open ${url}`);
          await electron.shell.openExternal(url);
        },
        dialogs: nativeDialogs(electron.dialog),
        window: {
          close: () => {
            quitAfterClose = quitWhenPageCloses;
            quitWhenPageCloses = false;
            main?.closeForPage();
          },
        },
        version: app.getVersion(),
        log,
        ...(deps.updater ? { updater: deps.updater(log) } : {}),
      }),
    });
    filesFromOs.deliverTo(opus.core.filesFromOs);
    // The address only (no token): the end-to-end tests find the embedded localbox by it.
    if (opus.localbox) log(`opus: embedded localbox at ${opus.localbox.url}`);
    await showWindow(opus.core);
  };

  app.on('second-instance', () => {
    if (main?.window.isMinimized()) main.window.restore();
    main?.window.focus();
  });
  // A start that fails must not leave a process without a window holding the single-instance lock:
  // every later launch would hand over to it and quit.
  app
    .whenReady()
    .then(boot)
    .catch(async (error: unknown) => {
      log(`opus: could not start: ${stackOf(error)}`);
      const why = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
      electron.dialog.showErrorBox(
        'Opus could not start',
        `Opus could not start: ${why}.\n\nThe details are in ${join(app.getPath('logs'), 'main.log')}.`,
      );
      await Promise.resolve(opus?.close()).catch(() => {});
      app.exit(1);
    });
  app.on('before-quit', (event) => {
    if (coreClosed) return;
    event.preventDefault();
    if (main) {
      quitAfterClose = true;
      main.window.close();
    } else closeCoreThenQuit();
  });
  // Closing the last window quits on Windows and Linux (through before-quit above), not on macOS.
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  // macOS: the Dock icon brings back the window the user closed; the core kept running.
  app.on('activate', () => {
    if (main || !opus || closing) return;
    showWindow(opus.core).catch((error) => log(`opus: could not reopen the window: ${stackOf(error)}`));
  });
}
