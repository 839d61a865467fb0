import { join } from 'node:path';
import { EVENT_CHANNEL } from '../common/channels.ts';
import type { EventPayload } from '../common/contract/events.ts';
import type { KeyValueStore } from '../core/auth/token-vault.ts';
import type { CoreService } from '../core/wiring/core-service.ts';
import { bindContract } from './ipc.ts';
import { installMenu } from './menu.ts';
import { lockNavigation } from './security.ts';
import type { ShellElectron, ShellWindow } from './shell-electron.ts';
import { TaskbarProgress } from './taskbar-progress.ts';
import { APP_ORIGIN, windowOptions } from './window-options.ts';

const BOUNDS = 'window.bounds';

export interface MainWindowOptions {
  outDir: string;
  isMac: boolean;
  store: KeyValueStore;
  /** The page's beforeunload holds the window (unsaved tabs); it has been told to ask about each. */
  onPageAsked(): void;
  /** The window is shown: the first time, the saved sign-in may be restored (a keychain prompt). */
  onShown(): void;
  onClosed(): void;
}

export interface MainWindow {
  window: ShellWindow;
  /** The page has asked about every unsaved tab: close, past its beforeunload. */
  closeForPage(): void;
  /** Settles when the page has loaded; rejects when it cannot. */
  loaded: Promise<void>;
}

/** The app's window on the page at app://opus, wired to the core; unwired again when it closes. */
export async function openMainWindow(
  electron: ShellElectron,
  core: CoreService,
  options: MainWindowOptions,
): Promise<MainWindow> {
  const bounds = await options.store.get(BOUNDS);
  const window = new electron.BrowserWindow(
    windowOptions(join(options.outDir, 'electron', 'preload.cjs'), bounds ? JSON.parse(bounds) : undefined),
  );
  /** The page has asked about every unsaved tab: its beforeunload no longer holds the window. */
  let mayClose = false;
  lockNavigation(window);
  const unbind = bindContract(electron.ipcMain, core, window);
  const taskbar = new TaskbarProgress((fraction) => {
    if (!window.isDestroyed()) window.setProgressBar(fraction);
  });
  const unsubscribe = core.subscribe((name, payload) => {
    if (name === 'transferProgress') taskbar.update(payload as EventPayload<'transferProgress'>);
  });
  installMenu(electron.Menu, window, options.isMac);
  window.once('ready-to-show', () => {
    window.show();
    options.onShown();
  });
  // The page keeps a beforeunload while any tab has unsaved changes. Instead of a generic prompt, it
  // is told to ask Save / Don't Save / Cancel for each tab, and calls closeWindow when it is done.
  window.webContents.on('will-prevent-unload', (event) => {
    if (mayClose) return event.preventDefault();
    window.webContents.send(EVENT_CHANNEL, 'menuCommand', { command: 'quit' });
    options.onPageAsked();
  });
  window.on('close', () => {
    void options.store.set(BOUNDS, JSON.stringify(window.getBounds()));
  });
  window.on('closed', () => {
    unbind();
    unsubscribe();
    options.onClosed();
  });
  return {
    window,
    closeForPage: () => {
      mayClose = true;
      window.close();
    },
    loaded: window.loadURL(`${APP_ORIGIN}/index.html`),
  };
}
