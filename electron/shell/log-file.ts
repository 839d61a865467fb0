import { appendFileSync, chmodSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Past this size the log moves to main.old.log and starts again: two files at most, never unbounded. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Opus's log on disk (in Electron's `logs` folder), where a user can find it to attach to a bug report.
 * Lines are written synchronously: the last line before a crash is the one that matters.
 * Never throws: a log that cannot be written must not take the app down with it.
 */
export function logFile(folder: string, now: () => Date = () => new Date()): (line: string) => void {
  const file = join(folder, 'main.log');
  let size = -1;
  return (line) => {
    try {
      if (size < 0) {
        // Only the user reads what Opus logs (file names, paths), whatever the umask; on macOS the
        // logs folder is outside userData, which boot narrows.
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        if (process.platform !== 'win32') chmodSync(folder, 0o700);
        size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      }
      if (size > MAX_BYTES) {
        renameSync(file, join(folder, 'main.old.log'));
        size = 0;
      }
      const text = `${now().toISOString()} ${line}\n`;
      appendFileSync(file, text, { mode: 0o600 });
      size += Buffer.byteLength(text);
    } catch {
      // Disk full or no permission: the line still reaches stderr.
    }
  };
}
