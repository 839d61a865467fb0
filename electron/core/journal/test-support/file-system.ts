import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JournalFileHandle, type JournalFs, nodeJournalFs } from '../journal-fs.ts';

/** A fresh journal folder under the system temp folder, and its removal. */
export async function tempFolder(): Promise<{ folder: string; remove: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'opus-journal-'));
  return { folder: join(parent, 'journal'), remove: () => rm(parent, { recursive: true, force: true }) };
}

export const errno = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: simulated`), { code });

/** The real file system, with every write to a file (snapshot or log) going through `write`. */
export function fsWithWrite(
  write: (path: string, data: string, real: JournalFileHandle) => Promise<void>,
): JournalFs {
  const wrap = (path: string, real: JournalFileHandle): JournalFileHandle => ({
    ...real,
    write: (data) => write(path, data, real),
  });
  return {
    ...nodeJournalFs,
    create: async (path) => wrap(path, await nodeJournalFs.create(path)),
    append: async (path) => wrap(path, await nodeJournalFs.append(path)),
  };
}

/**
 * The real file system, counting the bytes written to files (`written('log')`: to logs only;
 * `written('snapshot')`: to snapshots only) and the fsyncs of files.
 */
export function countingFs(): {
  fs: JournalFs;
  written: (kind?: 'log' | 'snapshot') => number;
  syncs: () => number;
} {
  const bytes = { log: 0, snapshot: 0 };
  let syncs = 0;
  const base = fsWithWrite(async (path, data, real) => {
    bytes[path.endsWith('.log') ? 'log' : 'snapshot'] += Buffer.byteLength(data);
    await real.write(data);
  });
  const counted = (handle: JournalFileHandle): JournalFileHandle => ({
    ...handle,
    sync: () => {
      syncs++;
      return handle.sync();
    },
  });
  const fs: JournalFs = {
    ...base,
    create: async (path) => counted(await base.create(path)),
    append: async (path) => counted(await base.append(path)),
  };
  return { fs, written: (kind) => (kind ? bytes[kind] : bytes.log + bytes.snapshot), syncs: () => syncs };
}
