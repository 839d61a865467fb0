// A fake of the Electron APIs the shell uses (shell-electron.ts), typed against electron.d.ts, so the
// shell's start, its windows and its quit run in `npm test`. The app and its quit order: fake-app.ts.
import { readFile } from 'node:fs/promises';
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
  ShellElectron,
  ShellFrame,
  ShellInvokeEvent,
  ShellIpcMain,
  ShellMenu,
  ShellSafeStorage,
  ShellSession,
} from '../shell-electron.ts';
import { FakeApp } from './fake-app.ts';
import { FakeWindow } from './fake-window.ts';

type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
export type Permission = Parameters<NonNullable<CheckHandler>>[1];
export type StorageBackend = ReturnType<ShellSafeStorage['getSelectedStorageBackend']>;

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
