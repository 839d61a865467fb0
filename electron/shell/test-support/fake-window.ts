// A BrowserWindow and its webContents as Electron runs them (shell/browser/native_window.cc,
// api_browser_window.cc): `close()` emits 'close' at once; the page's beforeunload answers on a later
// turn; a page that holds the unload raises 'will-prevent-unload', and unless main prevents that the
// close is cancelled; otherwise the window is destroyed: 'closed', then the window list hears of it.
import { EventEmitter } from 'node:events';
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  Rectangle,
  WindowOpenHandlerResponse,
} from 'electron';
import type { ShellWebContents, ShellWindow } from '../shell-electron.ts';

/** Emits an Electron-style event (first argument) and tells whether a listener prevented it. */
export function emitPreventable(emitter: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  const event = {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
  emitter.emit(name, event, ...args);
  return prevented;
}

/** The app's side of the windows: Electron's WindowList. */
export interface WindowList {
  record(entry: string): void;
  opened(window: FakeWindow): void;
  closeCancelled(): void;
  destroyed(window: FakeWindow): void;
}

/** The page inside: what its beforeunload does, and what main sent it. */
export interface FakePage {
  /** A tab has unsaved changes: the page's beforeunload holds the window. */
  holdsUnload: boolean;
  /** What main sent on each channel, in order. */
  sent: { channel: string; args: unknown[] }[];
}

export class FakeWebContents extends EventEmitter implements ShellWebContents {
  readonly mainFrame: { url: string } = { url: '' };
  readonly page: FakePage = { holdsUnload: false, sent: [] };
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;

  send(channel: string, ...args: unknown[]): void {
    this.page.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeWindow extends EventEmitter implements ShellWindow {
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  progress: number | null = null;
  private destroyed = false;

  constructor(
    private readonly list: WindowList,
    readonly options: BrowserWindowConstructorOptions,
  ) {
    super();
    list.record('BrowserWindow.new');
    list.opened(this);
  }

  close(): void {
    this.list.record('window.close');
    if (this.destroyed) return;
    if (emitPreventable(this, 'close')) this.list.closeCancelled();
    else setImmediate(() => this.beforeUnloadAnswered());
  }

  /** Closes without asking the page (app.exit does this). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    this.list.destroyed(this);
  }

  private beforeUnloadAnswered(): void {
    if (this.destroyed) return;
    if (this.webContents.page.holdsUnload && !emitPreventable(this.webContents, 'will-prevent-unload'))
      this.list.closeCancelled();
    else this.destroy();
  }

  async loadURL(url: string): Promise<void> {
    this.list.record(`window.loadURL ${url}`);
    this.webContents.mainFrame.url = url;
    // The first paint comes before the load's promise settles.
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.destroyed) this.emit('ready-to-show');
  }

  show(): void {
    this.list.record('window.show');
    this.visible = true;
    this.minimized = false;
  }

  focus(): void {
    this.list.record('window.focus');
  }

  restore(): void {
    this.minimized = false;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getBounds(): Rectangle {
    return { x: 10, y: 20, width: this.options.width ?? 800, height: this.options.height ?? 600 };
  }

  setProgressBar(progress: number): void {
    this.progress = progress;
  }
}
