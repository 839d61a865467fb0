import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PRIVATE_FILE, restrictTo } from '../store/private-files.ts';

/** Lock files this process holds, so a lock naming our own pid can be told apart from a reused pid. */
const held = new Set<string>();

/**
 * One localbox per data folder: two processes writing the same database and blobs would corrupt both.
 * The lock file names the owner's pid; a lock whose process is gone (kill -9) is taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    const file = resolve(join(dataDir, 'localbox.lock'));
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(file, String(process.pid), { flag: 'wx', mode: PRIVATE_FILE });
        restrictTo(file, PRIVATE_FILE);
        held.add(file);
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(readFileSync(file, 'utf8'));
        // Our own pid in a lock we do not hold was left by an earlier process that had the same pid:
        // after a container restart, localbox is often pid 1 again.
        const reusedPid = owner === process.pid && !held.has(file);
        if (!reusedPid && isAlive(owner)) {
          throw new Error(`The localbox data folder ${dataDir} is in use by process ${owner}.`);
        }
        rmSync(file, { force: true });
      }
    }
    throw new Error(`Could not lock the localbox data folder ${dataDir}.`);
  }

  release(): void {
    held.delete(this.file);
    rmSync(this.file, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
