// A fake of the Electron APIs the shell uses (shell-electron.ts), typed against electron.d.ts, so the
// shell's start, its windows and its quit run in `npm test`. The app follows Electron's Browser
// (shell/browser/browser.cc) and its documented order: app.quit() emits 'before-quit', then closes each
// window ('close' → 'closed'), then 'will-quit' and 'quit'; closing the last window outside a quit emits
// 'window-all-closed' from within its 'closed'. preventDefault() in 'before-quit', 'close' or 'will-quit'
// stops the quit, as a page that holds its unload does. app.exit() destroys the windows and emits only
// 'quit'.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  BrowserWindowConstructorOptions,
  MenuItemConstructorOptions,
  OpenDialogReturnValue,
  PermissionCheckHandlerHandlerDetails,
  PermissionRequest,
  SaveDialogReturnValue,
  Session,
  WebContents,
} from 'electron';
import type {
  ShellApp,
  ShellElectron,
  ShellFrame,
  ShellInvokeEvent,
  ShellIpcMain,
  ShellMenu,
  ShellSafeStorage,
  ShellSession,
} from '../shell-electron.ts';
import { emitPreventable, FakeWindow, type WindowList } from './fake-window.ts';

type PathName = Parameters<ShellApp['getPath']>[0];
type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
export type Permission = Parameters<NonNullable<CheckHandler>>[1];
export type StorageBackend = ReturnType<ShellSafeStorage['getSelectedStorageBackend']>;

export class FakeApp extends EventEmitter implements ShellApp, WindowList {
  readonly windows = new Set<FakeWindow>();
  /** Settles when the app has quit ('quit' emitted), with its exit code. */
  readonly ended: Promise<number>;
  name = 'Electron';
  singleInstance = true;
  private readonly paths = new Map<string, string>();
  private quitting = false;
  private exiting = false;
  private shutDown = false;
  private exitCode = 0;
  private markReady: () => void = () => {};
  private readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });
  private markEnded: (code: number) => void = () => {};

  constructor(
    readonly journal: string[],
    root: string,
    private readonly platform: NodeJS.Platform,
  ) {
    super();
    this.ended = new Promise((resolve) => {
      this.markEnded = resolve;
    });
    this.paths.set('appData', join(root, 'appData'));
    this.paths.set('userData', join(root, 'appData', this.name));
  }

  override emit(name: string | symbol, ...args: unknown[]): boolean {
    this.record(`app:${String(name)}`);
    return super.emit(name, ...args);
  }

  record(entry: string): void {
    this.journal.push(entry);
  }

  /** Electron has finished starting: whenReady() resolves. */
  becomeReady(): void {
    this.markReady();
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  quit(): void {
    this.record('app.quit');
    if (this.quitting) return;
    if (emitPreventable(this, 'before-quit')) return;
    this.quitting = true;
    if (this.windows.size === 0) this.notifyAndShutdown();
    else for (const window of [...this.windows]) window.close();
  }

  exit(exitCode = 0): void {
    this.record(`app.exit ${exitCode}`);
    this.exitCode = exitCode;
    this.quitting = true;
    this.exiting = true;
    if (this.windows.size === 0) this.shutdown();
    else for (const window of [...this.windows]) window.destroy();
  }

  opened(window: FakeWindow): void {
    this.windows.add(window);
  }

  closeCancelled(): void {
    this.quitting = false;
  }

  destroyed(window: FakeWindow): void {
    this.windows.delete(window);
    if (this.windows.size > 0) return;
    if (this.exiting) this.shutdown();
    else if (this.quitting) this.notifyAndShutdown();
    else this.emit('window-all-closed');
  }

  private notifyAndShutdown(): void {
    if (this.shutDown) return;
    if (emitPreventable(this, 'will-quit')) {
      this.quitting = false;
      return;
    }
    this.shutdown();
  }

  private shutdown(): void {
    if (this.shutDown) return;
    this.shutDown = true;
    emitPreventable(this, 'quit', this.exitCode);
    this.markEnded(this.exitCode);
  }

  requestSingleInstanceLock(): boolean {
    this.record('app.requestSingleInstanceLock');
    return this.singleInstance;
  }

  getPath(name: PathName): string {
    // As Electron: the logs folder asked for before any was set is the default one, for the name now.
    if (name === 'logs' && !this.paths.has('logs')) this.setAppLogsPath();
    const path = this.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  setPath(name: PathName, path: string): void {
    this.paths.set(name, path);
  }

  setName(name: string): void {
    this.name = name;
  }

  /** As Electron does without a path: Library/Logs/<name> on macOS, userData/logs elsewhere. */
  setAppLogsPath(path?: string): void {
    const byDefault =
      this.platform === 'darwin'
        ? join(this.getPath('appData'), '..', 'Logs', this.name)
        : join(this.getPath('userData'), 'logs');
    this.paths.set('logs', path ?? byDefault);
  }

  getVersion(): string {
    return '0.1.0-test';
  }
}

/** The page's calls over IPC: Electron's ipcMain, which refuses a second handler for a channel. */
export class FakeIpcMain implements ShellIpcMain {
  private readonly handlers = new Map<string, (event: ShellInvokeEvent, ...args: unknown[]) => unknown>();

  handle(channel: string, listener: (event: ShellInvokeEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** A call from `senderFrame`, answered as the renderer would receive it. */
  async invoke(channel: string, senderFrame: ShellFrame | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ senderFrame }, ...args));
  }
}

export class FakeSession implements ShellSession {
  private requestHandler: RequestHandler = null;
  private checkHandler: CheckHandler = null;

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
  }

  /** A page asks for a permission; Chromium grants it when no handler is set. */
  request(permission: Permission, details: PermissionRequest): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(NO_CONTENTS, permission, resolve, details));
  }

  check(permission: Permission, origin: string, details: PermissionCheckHandlerHandlerDetails): boolean {
    return this.checkHandler ? this.checkHandler(NO_CONTENTS, permission, origin, details) : true;
  }
}

// The shell's handlers decide from the permission and the frame's details, never from the contents.
const NO_CONTENTS = {} as WebContents;

export class FakeSafeStorage implements ShellSafeStorage {
  available = true;
  backend: StorageBackend = 'gnome_libsecret';

  constructor(private readonly record: (entry: string) => void) {}

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }

  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.record('safeStorage.encryptStringAsync');
    return Buffer.from(`sealed:${plainText}`);
  }

  async decryptStringAsync(encrypted: Buffer) {
    this.record('safeStorage.decryptStringAsync');
    const text = encrypted.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided');
    return { result: text.slice('sealed:'.length), shouldReEncrypt: false };
  }
}

export interface FakeElectron extends ShellElectron {
  app: FakeApp;
  ipcMain: FakeIpcMain;
  session: { defaultSession: FakeSession };
  safeStorage: FakeSafeStorage;
  /** Every recorded call and app event, in order. */
  journal: string[];
  errorBoxes: { title: string; content: string }[];
  /** The template of the menu last set as the application menu. */
  applicationMenu(): MenuItemConstructorOptions[] | null;
  /** The app's one window, if open. */
  window(): FakeWindow | undefined;
}

/** A fresh fake Electron; its folders (appData, userData…) are under `root`. */
export function fakeElectron(root: string, platform: NodeJS.Platform = 'linux'): FakeElectron {
  const journal: string[] = [];
  const app = new FakeApp(journal, root, platform);
  const errorBoxes: { title: string; content: string }[] = [];
  let menu: MenuItemConstructorOptions[] | null = null;
  const Menu: ShellMenu = {
    buildFromTemplate: (template) => template,
    setApplicationMenu: (built) => {
      menu = built as MenuItemConstructorOptions[] | null;
    },
  };
  // The user cancels every file dialog: no test here picks a file.
  const canceled = async (): Promise<OpenDialogReturnValue & SaveDialogReturnValue> => ({
    canceled: true,
    filePaths: [],
    filePath: '',
  });
  return {
    app,
    journal,
    errorBoxes,
    BrowserWindow: class extends FakeWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        super(app, options);
      }
    },
    dialog: {
      showErrorBox: (title, content) => {
        app.record('dialog.showErrorBox');
        errorBoxes.push({ title, content });
      },
      showOpenDialog: canceled,
      showSaveDialog: canceled,
    },
    session: { defaultSession: new FakeSession() },
    shell: { openExternal: async (url) => app.record(`shell.openExternal ${url}`) },
    ipcMain: new FakeIpcMain(),
    Menu,
    protocol: {
      registerSchemesAsPrivileged: () => app.record('protocol.registerSchemesAsPrivileged'),
      handle: () => app.record('protocol.handle'),
    },
    net: {
      fetch: async (input) => {
        const url = typeof input === 'string' ? input : input.url;
        return new Response(await readFile(fileURLToPath(url)));
      },
    },
    safeStorage: new FakeSafeStorage((entry) => app.record(entry)),
    applicationMenu: () => menu,
    window: () => [...app.windows][0],
  };
}
