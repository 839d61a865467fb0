// electron-updater, adapted to the core's UpdaterPort (core/wiring/updates.ts decides when to check, what
// to show, and whether the user may install now). Loading electron-updater needs no Electron; its
// default updater, made on first use of `autoUpdater`, does (the app, and `net` for its requests).
import electronUpdater, { type AppUpdater, type ProgressInfo } from 'electron-updater';
import { OpusError } from '../core/errors.ts';
import type { UpdateCheck, UpdaterPort } from '../core/wiring/updates.ts';

/**
 * The packaged app's updater: electron-updater picks the kind for this install (NSIS, DMG, AppImage,
 * deb) and reads the GitHub release feed from `app-update.yml`, which electron-builder writes from
 * `publish` in electron-builder.yml. A copy run by `npm start`, or not installed from a release,
 * checks nothing (`inactive`).
 */
export function shellUpdater(log: (line: string) => void): UpdaterPort {
  return adaptUpdater(electronUpdater.autoUpdater, log);
}

/**
 * Any electron-updater updater as the core's port. It downloads only when the core asks, and never
 * installs on a plain quit: only `quitAndInstall`, after the user agreed, installs.
 */
export function adaptUpdater(updater: AppUpdater, log: (line: string) => void): UpdaterPort {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.logger = {
    info: (message?: unknown) => log(`opus: update: ${String(message)}`),
    warn: (message?: unknown) => log(`opus: update: ${String(message)}`),
    error: (message?: unknown) => log(`opus: update: ${String(message)}`),
  };
  return {
    check: async (): Promise<UpdateCheck> => {
      const result = await updater.checkForUpdates().catch(rethrowWithKind);
      if (!result) return { kind: 'inactive' };
      const { version } = result.updateInfo;
      return result.isUpdateAvailable ? { kind: 'available', version } : { kind: 'up_to_date', version };
    },
    download: async (onProgress) => {
      const listener = (progress: ProgressInfo) => onProgress(progress.percent);
      updater.on('download-progress', listener);
      try {
        await updater.downloadUpdate().catch(rethrowWithKind);
      } finally {
        updater.off('download-progress', listener);
      }
    },
    // Runs the installer as people see it (not silent) and starts the new version afterwards.
    quitAndInstall: () => updater.quitAndInstall(false, true),
  };
}

// Node's codes, and Chromium's net errors as Electron's `net` words them (net::ERR_INTERNET_DISCONNECTED).
const UNREACHABLE = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)$/;
const NET_ERROR =
  /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|CONNECTION_\w+|NETWORK_\w+|TIMED_OUT|ADDRESS_UNREACHABLE|PROXY_\w+)/;

/** electron-updater's failure as a kind: the server out of reach is `offline`, the rest `update_failed`. */
export function updateError(error: unknown): OpusError {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const words = typeof message === 'string' ? message : String(error);
  if ((typeof code === 'string' && UNREACHABLE.test(code)) || NET_ERROR.test(words))
    return new OpusError('offline', 'The update server cannot be reached.');
  if (code === 'ERR_CHECKSUM_MISMATCH')
    return new OpusError(
      'update_failed',
      'The downloaded update did not match its published checksum, so Opus threw it away. It tries again at the next check.',
    );
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' || code === 'ERR_UPDATER_LATEST_VERSION_NOT_FOUND')
    return new OpusError('update_failed', 'No release of Opus is published where it looks for updates.');
  return new OpusError('update_failed', 'Opus could not check for updates. It tries again later.');
}

const rethrowWithKind = (error: unknown): never => {
  throw updateError(error);
};
