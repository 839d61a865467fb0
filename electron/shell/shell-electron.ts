// The part of Electron the shell uses, as types taken from electron.d.ts: main.ts hands over the real
// module (so a signature that drifts from Electron's fails to compile there), the tests a fake
// (test-support/fake-electron.ts) that must keep the same signatures. `on` is written out per event:
// Pick<App, 'on'> would keep Electron's `this`, the whole App, as its return type.
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  Event,
  MenuItemConstructorOptions,
  Net,
  Protocol,
  SafeStorage,
  Session,
  Shell,
  WebContents,
  WebFrameMain,
} from 'electron';

export interface ShellApp
  extends Pick<
    App,
    | 'quit'
    | 'exit'
    | 'whenReady'
    | 'getPath'
    | 'setPath'
    | 'setName'
    | 'setAppLogsPath'
    | 'getVersion'
    | 'requestSingleInstanceLock'
    | 'isPackaged'
  > {
  on(event: 'before-quit' | 'will-quit', listener: (event: Event) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: (event: Event, hasVisibleWindows: boolean) => void): unknown;
  on(
    event: 'second-instance',
    listener: (event: Event, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown;
  on(event: 'open-file', listener: (event: Event, path: string) => void): unknown;
}

export type ShellFrame = Pick<WebFrameMain, 'url'>;

export interface ShellWebContents extends Pick<WebContents, 'send' | 'setWindowOpenHandler'> {
  readonly mainFrame: ShellFrame;
  on(event: 'will-prevent-unload' | 'will-attach-webview', listener: (event: Event) => void): unknown;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Event, url: string) => void): unknown;
}

export interface ShellWindow
  extends Pick<
    BrowserWindow,
    | 'close'
    | 'show'
    | 'focus'
    | 'restore'
    | 'isMinimized'
    | 'isDestroyed'
    | 'getBounds'
    | 'setProgressBar'
    | 'loadURL'
  > {
  readonly webContents: ShellWebContents;
  on(event: 'close', listener: (event: Event) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export type ShellSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** What an IPC call says of its sender: the frame it came from (IpcMainInvokeEvent's senderFrame). */
export interface ShellInvokeEvent {
  readonly senderFrame: ShellFrame | null;
}

/** IpcMain's `handle`, with the event narrowed to what the shell reads of it. */
export interface ShellIpcMain {
  handle(channel: string, listener: (event: ShellInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Menu's two statics: what buildFromTemplate makes is only handed back to setApplicationMenu. */
export interface ShellMenu {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

export type ShellSafeStorage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'
>;

export interface ShellElectron {
  app: ShellApp;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => ShellWindow;
  dialog: Pick<Dialog, 'showErrorBox' | 'showOpenDialog' | 'showSaveDialog'>;
  session: { readonly defaultSession: ShellSession };
  shell: Pick<Shell, 'openExternal'>;
  ipcMain: ShellIpcMain;
  Menu: ShellMenu;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  net: Pick<Net, 'fetch'>;
  safeStorage: ShellSafeStorage;
}
