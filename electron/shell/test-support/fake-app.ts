// The fake Electron's app (fake-electron.ts), typed against electron.d.ts. It follows Electron's Browser
// (shell/browser/browser.cc) and its documented order: app.quit() emits 'before-quit', then closes each
// window ('close' → 'closed'), then 'will-quit' and 'quit'; closing the last window outside a quit emits
// 'window-all-closed' from within its 'closed'. preventDefault() in 'before-quit', 'close' or 'will-quit'
// stops the quit, as a page that holds its unload does. app.exit() destroys the windows and emits only
// 'quit'.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { ShellApp } from '../shell-electron.ts';
import { emitPreventable, type FakeWindow, type WindowList } from './fake-window.ts';

type PathName = Parameters<ShellApp['getPath']>[0];

export class FakeApp extends EventEmitter implements ShellApp, WindowList {
  readonly windows = new Set<FakeWindow>();
  /** Settles when the app has quit ('quit' emitted), with its exit code. */
  readonly ended: Promise<number>;
  name = 'Electron';
  singleInstance = true;
  /** Run from its folder (`electron out/electron/main.js`), as the tests launch it. */
  readonly isPackaged = false;
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
