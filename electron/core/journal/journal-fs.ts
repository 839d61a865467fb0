import * as fs from 'node:fs/promises';
import { makePrivateFolder, openPrivateFile } from '../private-files.ts';

export interface JournalFileHandle {
  /** Writes `data` (as UTF-8) after what the file already holds. */
  write(data: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file operations the journal needs: small, so tests can inject a full disk or a failing rename. */
export interface JournalFs {
  makeFolder(path: string): Promise<void>;
  /** Creates the file; fails if it exists. */
  create(path: string): Promise<JournalFileHandle>;
  /** Opens the file for appending, creating it (empty) if it does not exist. */
  append(path: string): Promise<JournalFileHandle>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  list(folder: string): Promise<string[]>;
  read(path: string): Promise<string>;
  /** Makes a rename in the folder durable. */
  syncFolder(path: string): Promise<void>;
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

// O_APPEND (or a fresh file) makes every write land at the end, so one handle serves both.
const wrap = (handle: fs.FileHandle): JournalFileHandle => ({
  write: (data) => handle.writeFile(data, 'utf8'),
  sync: () => handle.sync(),
  close: () => handle.close(),
});

export const nodeJournalFs: JournalFs = {
  // Unsaved text is private: only this user may read the journal.
  makeFolder: makePrivateFolder,
  create: async (path) => wrap(await openPrivateFile(path, 'wx')),
  append: async (path) => wrap(await openPrivateFile(path, 'a')),
  rename: (from, to) => fs.rename(from, to),
  remove: (path) => fs.unlink(path),
  list: (folder) => fs.readdir(folder),
  read: (path) => fs.readFile(path, 'utf8'),
  syncFolder: async (path) => {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path, 'r');
    } catch (error) {
      // Windows cannot open a directory; its renames are durable without this.
      if (codeOf(error) === 'EISDIR' || codeOf(error) === 'EPERM' || codeOf(error) === 'EACCES') return;
      throw error;
    }
    try {
      await handle.sync();
    } catch (error) {
      if (codeOf(error) !== 'EINVAL') throw error;
    } finally {
      await handle.close();
    }
  },
};
