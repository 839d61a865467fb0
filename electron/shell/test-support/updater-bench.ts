import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type ClientRequest, type IncomingMessage, type RequestOptions, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// electron-updater's own dependency, at the version it pins: the base of its HTTP executors.
import {
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions,
  HttpExecutor,
} from 'builder-util-runtime';
import { DebUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

/**
 * Electron's `net` in electron-updater's executor (electronHttpExecutor.js), as plain Node `http`: the
 * same `download` over the same base, so redirects, the sha512 check and progress are electron-updater's own.
 */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      const callback = (error: Error | null) => (error ? reject(error) : resolve(destination));
      this.doDownload(requestOptions, { destination, options, onCancel, callback, responseHandler: null }, 0);
    });
  }
}

/** Electron's `app` as electron-updater sees it, typed against its AppAdapter: a packaged app at `version`. */
export class FakeApp implements AppAdapter {
  readonly name = 'Opus';
  readonly isPackaged = true;
  readonly quitHandlers: ((exitCode: number) => void)[] = [];
  quits = 0;

  constructor(
    readonly version: string,
    readonly userDataPath: string,
  ) {}

  get appUpdateConfigPath() {
    return join(this.userDataPath, 'app-update.yml');
  }
  get baseCachePath() {
    return join(this.userDataPath, 'cache');
  }
  whenReady() {
    return Promise.resolve();
  }
  relaunch() {}
  quit() {
    this.quits += 1;
  }
  onQuit(handler: (exitCode: number) => void) {
    this.quitHandlers.push(handler);
  }
}

/** The deb updater with its installer recorded instead of run (it would call dpkg under sudo). */
export class RecordingDebUpdater extends DebUpdater {
  readonly installs: { isSilent: boolean; isForceRunAfter: boolean }[] = [];

  override quitAndInstall(isSilent = false, isForceRunAfter = false): void {
    this.installs.push({ isSilent, isForceRunAfter });
  }
}

export interface UpdaterBench {
  app: FakeApp;
  updater: RecordingDebUpdater;
  close(): void;
}

/**
 * A real electron-updater updater for an installed Opus at `version`, reading its feed from `feedUrl` the
 * way a packaged app reads `app-update.yml` (electron-builder writes it from `publish`), with no Electron.
 */
export function updaterBench(version: string, feedUrl: string): UpdaterBench {
  const dir = mkdtempSync(join(tmpdir(), 'opus-updater-'));
  const app = new FakeApp(version, dir);
  writeFileSync(
    app.appUpdateConfigPath,
    `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: opus-updater\n`,
  );
  const updater = new RecordingDebUpdater(null, app);
  // Without Electron's app, electron-updater leaves its executor unset (AppUpdater.js): Node's stands in.
  Object.assign(updater, { httpExecutor: new NodeHttpExecutor() });
  return { app, updater, close: () => rmSync(dir, { recursive: true, force: true }) };
}
