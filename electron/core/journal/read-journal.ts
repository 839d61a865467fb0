import { join } from 'node:path';
import { type JournalEntry, parseEntry } from './journal-entry.ts';
import { corruptFileName, entryFileName, isEntryFileName, isTempFileName } from './journal-files.ts';
import type { JournalFs } from './journal-fs.ts';

type Outcome = { kind: 'entry'; entry: JournalEntry } | { kind: 'corrupt' } | { kind: 'unreadable' };

async function readOne(fs: JournalFs, path: string, name: string): Promise<Outcome> {
  let text: string;
  try {
    text = await fs.read(path);
  } catch {
    // Unreadable now (permissions, I/O) is not proof of corruption: leave it for the next start.
    return { kind: 'unreadable' };
  }
  const entry = parseEntry(text);
  // A file whose name does not match its document could never be cleared by a save: set it aside too.
  if (!entry || entryFileName(entry.documentId) !== name) return { kind: 'corrupt' };
  return { kind: 'entry', entry };
}

/**
 * Every journaled document, oldest first. Never throws: a temp file left by a crash is deleted (its
 * rename never happened, so the previous entry, if any, is intact), and a file that does not parse or
 * fails the schema is moved aside to `*.corrupt`.
 */
export async function readJournal(
  fs: JournalFs,
  folder: string,
  inFlight: ReadonlySet<string>,
  now: () => Date,
): Promise<JournalEntry[]> {
  let names: string[];
  try {
    names = await fs.list(folder);
  } catch {
    return [];
  }
  const entries: JournalEntry[] = [];
  for (const name of names) {
    const path = join(folder, name);
    if (isTempFileName(name)) {
      if (!inFlight.has(name)) await fs.remove(path).catch(() => undefined);
      continue;
    }
    if (!isEntryFileName(name)) continue;
    const outcome = await readOne(fs, path, name);
    if (outcome.kind === 'entry') entries.push(outcome.entry);
    if (outcome.kind === 'corrupt')
      await fs.rename(path, join(folder, corruptFileName(name, now()))).catch(() => undefined);
  }
  return entries.sort((a, b) => Date.parse(a.savedAt) - Date.parse(b.savedAt));
}
