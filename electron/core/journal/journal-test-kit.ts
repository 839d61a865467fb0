import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Text } from '@codemirror/state';
import type { TextEdit } from '../contract/shapes.ts';
import { textOf } from '../text/text-edits.ts';
import type { JournalEntry, JournalHeader } from './journal-entry.ts';
import { type JournalFileHandle, type JournalFs, nodeJournalFs } from './journal-fs.ts';

export { textOf } from '../text/text-edits.ts';

/** A fresh journal folder under the system temp folder, and its removal. */
export async function tempFolder(): Promise<{ folder: string; remove: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'opus-journal-'));
  return { folder: join(parent, 'journal'), remove: () => rm(parent, { recursive: true, force: true }) };
}

export const SAVED_AT = new Date(Date.UTC(2026, 10, 27, 12, 0, 0));

/** A clock stopped at `SAVED_AT`, so restored entries compare equal. */
export const now = () => SAVED_AT;

export const header = (documentId: string, extra: Partial<JournalHeader> = {}): JournalHeader => ({
  documentId,
  path: `/Notes/${documentId}.txt`,
  baseRev: '015f1e7c1a2b3c4d5e6f0',
  baseContentHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: true },
  ...extra,
});

export const entry = (documentId: string, text: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  ...header(documentId),
  text,
  savedAt: SAVED_AT.toISOString(),
  ...extra,
});

/** `text` after one edit, and the edit: what the editor sends for a keystroke. */
export function edit(text: Text, at: number, remove: number, insert: string): [Text, TextEdit[]] {
  return [text.replace(at, at + remove, textOf(insert)), [{ at, remove, insert }]];
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
