import { join } from 'node:path';
import { type JournalEntry, parseEntry } from './journal-entry.ts';
import { corruptFileName, documentKey, isTempFileName, parseFileName } from './journal-files.ts';
import { type JournalFs, nodeJournalFs } from './journal-fs.ts';
import { parseSnapshot } from './journal-record.ts';
import { replay } from './replay.ts';

/** One document's files in the folder. */
interface Files {
  key: string;
  snapshot?: string;
  v1?: string;
  logs: { seq: number; name: string }[];
}

type Read = { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'unreadable' };

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

interface Reader {
  fs: JournalFs;
  folder: string;
  now: () => Date;
  /** False for a look that must change nothing (another process may be writing). */
  tidy: boolean;
}

async function readFile({ fs, folder }: Reader, name: string): Promise<Read> {
  try {
    return { kind: 'text', text: await fs.read(join(folder, name)) };
  } catch (error) {
    // Unreadable now (permissions, I/O) is not proof of corruption: leave it for the next start.
    return codeOf(error) === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable' };
  }
}

async function remove({ fs, folder, tidy }: Reader, name: string): Promise<void> {
  if (tidy) await fs.remove(join(folder, name)).catch(() => undefined);
}

async function setAside({ fs, folder, now, tidy }: Reader, name: string): Promise<void> {
  if (tidy)
    await fs.rename(join(folder, name), join(folder, corruptFileName(name, now()))).catch(() => undefined);
}

/**
 * The snapshot with its log replayed. A log of another sequence number is stale (a crash came between
 * a compaction's new snapshot and the old log's removal) and goes; so does a version 1 file the
 * snapshot superseded. A snapshot that does not parse, or holds another document, is set aside with
 * everything of its document: no log can be replayed without it.
 */
async function readSnapshot(reader: Reader, files: Files, name: string): Promise<JournalEntry | null> {
  const read = await readFile(reader, name);
  if (read.kind !== 'text') return null;
  const snapshot = parseSnapshot(read.text);
  if (!snapshot || documentKey(snapshot.entry.documentId) !== files.key) {
    for (const other of [name, files.v1, ...files.logs.map((log) => log.name)])
      if (other) await setAside(reader, other);
    return null;
  }
  let log = '';
  for (const { seq, name: logName } of files.logs) {
    if (seq !== snapshot.seq) {
      await remove(reader, logName);
      continue;
    }
    const logRead = await readFile(reader, logName);
    if (logRead.kind === 'unreadable') return null;
    if (logRead.kind === 'text') log = logRead.text;
  }
  if (files.v1) await remove(reader, files.v1);
  return replay(snapshot.entry, log);
}

async function readVersion1(reader: Reader, files: Files, name: string): Promise<JournalEntry | null> {
  const read = await readFile(reader, name);
  if (read.kind !== 'text') return null;
  const entry = parseEntry(read.text);
  // A file whose name does not match its document could never be cleared by a save: set it aside too.
  if (entry && documentKey(entry.documentId) === files.key) return entry;
  await setAside(reader, name);
  return null;
}

async function readDocument(reader: Reader, files: Files): Promise<JournalEntry | null> {
  if (files.snapshot) return readSnapshot(reader, files, files.snapshot);
  // Logs without a snapshot were left by a clear the process did not finish: nothing to replay onto.
  for (const log of files.logs) await remove(reader, log.name);
  return files.v1 ? readVersion1(reader, files, files.v1) : null;
}

/**
 * Every journaled document, oldest first. Never throws: a temp file left by a crash is deleted (its
 * rename never happened, so the previous snapshot, if any, is intact), and a file that does not parse
 * or fails the schema is moved aside to `*.corrupt`.
 */
export function readJournal(
  fs: JournalFs,
  folder: string,
  inFlight: ReadonlySet<string>,
  now: () => Date,
): Promise<JournalEntry[]> {
  return readFolder({ fs, folder, now, tidy: true }, inFlight);
}

/**
 * What `readJournal` would restore, changing nothing on disk: for tests that look at the journal of a
 * core still running (a tidying read could delete its temp file mid-write).
 */
export function peekJournal(folder: string, fs: JournalFs = nodeJournalFs): Promise<JournalEntry[]> {
  return readFolder({ fs, folder, now: () => new Date(), tidy: false }, new Set());
}

async function readFolder(reader: Reader, inFlight: ReadonlySet<string>): Promise<JournalEntry[]> {
  let names: string[];
  try {
    names = await reader.fs.list(reader.folder);
  } catch {
    return [];
  }
  const documents = new Map<string, Files>();
  for (const name of names) {
    if (isTempFileName(name)) {
      if (!inFlight.has(name)) await remove(reader, name);
      continue;
    }
    const file = parseFileName(name);
    if (!file) continue;
    const files = documents.get(file.key) ?? { key: file.key, logs: [] };
    documents.set(file.key, files);
    if (file.kind === 'log') files.logs.push({ seq: file.seq, name });
    else files[file.kind] = name;
  }
  const entries: JournalEntry[] = [];
  for (const files of documents.values()) {
    const entry = await readDocument(reader, files);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => Date.parse(a.savedAt) - Date.parse(b.savedAt));
}
