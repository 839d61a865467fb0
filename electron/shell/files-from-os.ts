// Where the OS hands Opus files: macOS's `open-file` (a double-click, the Dock, "Open With"), the
// command line on Windows and Linux (the first launch's argv, and a second launch's, which
// requestSingleInstanceLock turns into `second-instance` here). Collected here, decided in the core
// (core/wiring/files-from-os.ts): this module only finds the paths.
import type { Event } from 'electron';

/**
 * The part of Electron's `app` this module uses. Electron's `App` must stay assignable to it
 * (files-from-os.test.ts checks, against electron.d.ts), so the fake in the test cannot drift.
 */
export interface FilesFromOsApp {
  readonly isPackaged: boolean;
  on(event: 'open-file', listener: (event: Event, path: string) => void): unknown;
  on(
    event: 'second-instance',
    listener: (event: Event, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown;
}

/** Where the paths go once the core runs: its inbox (`OpusCore.filesFromOs`). */
export interface FilesFromOsTarget {
  receive(paths: readonly string[], workingDirectory?: string): Promise<void>;
}

/**
 * The files among a launch's arguments: not the executable, not (run unpackaged, `electron .`) the
 * app's folder, and no flag (Electron's, Chromium's, macOS's old `-psn_…`); after `--`, everything is
 * a file.
 */
export function filesInArgv(argv: readonly string[], packaged: boolean): string[] {
  const files: string[] = [];
  let appFolderSkipped = packaged;
  let flagsEnded = false;
  for (const arg of argv.slice(1)) {
    if (!flagsEnded && arg === '--') flagsEnded = true;
    else if (!flagsEnded && arg.startsWith('-')) continue;
    else if (!appFolderSkipped) appFolderSkipped = true;
    else if (arg) files.push(arg);
  }
  return files;
}

/**
 * Listens for files from the OS from now on; call it before `ready` (Electron's docs: `open-file` can
 * fire before it, on a launch by a double-click). Paths received before `deliverTo` are kept, and
 * handed over in order once the core is there to take them.
 */
export function listenForFilesFromOs(
  app: FilesFromOsApp,
  argv: readonly string[],
  log: (line: string) => void,
): { deliverTo(target: FilesFromOsTarget): void } {
  const early: { paths: string[]; workingDirectory?: string }[] = [];
  let target: FilesFromOsTarget | null = null;
  const hand = (paths: string[], workingDirectory?: string) => {
    if (paths.length === 0) return;
    if (!target) early.push({ paths, ...(workingDirectory ? { workingDirectory } : {}) });
    else
      target.receive(paths, workingDirectory).catch((error: unknown) => {
        log(`opus: could not take files from the OS: ${(error as Error)?.message ?? error}`);
      });
  };
  hand(filesInArgv(argv, app.isPackaged), process.cwd());
  app.on('open-file', (event, path) => {
    // Without it macOS treats the file as not opened (Electron's docs for open-file).
    event.preventDefault();
    hand([path]);
  });
  app.on('second-instance', (_event, secondArgv, workingDirectory) => {
    hand(filesInArgv(secondArgv, app.isPackaged), workingDirectory);
  });
  return {
    deliverTo: (next) => {
      target = next;
      for (const batch of early.splice(0)) hand(batch.paths, batch.workingDirectory);
    },
  };
}
