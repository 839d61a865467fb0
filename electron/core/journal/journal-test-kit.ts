import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalEntry } from './journal-entry.ts';
import { type JournalFileHandle, type JournalFs, nodeJournalFs } from './journal-fs.ts';

/** A fresh journal folder under the system temp folder, and its removal. */
export async function tempFolder(): Promise<{ folder: string; remove: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'opus-journal-'));
  return { folder: join(parent, 'journal'), remove: () => rm(parent, { recursive: true, force: true }) };
}

export const entry = (documentId: string, text: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  documentId,
  path: `/Notes/${documentId}.txt`,
  baseRev: '015f1e7c1a2b3c4d5e6f0',
  baseContentHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: true },
  text,
  savedAt: new Date(Date.UTC(2026, 10, 27, 12, 0, 0)).toISOString(),
  ...extra,
});

export const errno = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: simulated`), { code });

/** The real file system, with file contents written through `write` (to fail or slow it down). */
export function fsWithWrite(
  write: (path: string, data: string, real: JournalFileHandle) => Promise<void>,
): JournalFs {
  return {
    ...nodeJournalFs,
    create: async (path) => {
      const real = await nodeJournalFs.create(path);
      return { ...real, writeFile: (data) => write(path, data, real) };
    },
  };
}
