import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Text } from '@codemirror/state';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Journal } from './journal.ts';
import { serializeEntry } from './journal-entry.ts';
import { entryFileName, logFileName, snapshotFileName } from './journal-files.ts';
import { nodeJournalFs } from './journal-fs.ts';
import { checksummedLine, serializeRecord } from './journal-record.ts';
import { fsWithWrite, tempFolder } from './test-support/file-system.ts';
import { edit, entry, header, now, textOf } from './test-support/records.ts';

let folder: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ folder, remove } = await tempFolder());
});
afterEach(() => remove());

/** Records 'draft' then types `typed` letter by letter; returns every text recorded, in order. */
async function typeInto(journal: Journal, typed: string, documentId = 'doc-1'): Promise<string[]> {
  let text: Text = textOf('draft');
  await journal.record(header(documentId), text, null);
  const texts = [text.toString()];
  for (const letter of typed) {
    const [next, edits] = edit(text, text.length, 0, letter);
    text = next;
    await journal.record(header(documentId), text, edits);
    texts.push(text.toString());
  }
  await journal.flush();
  return texts;
}

const logPath = (seq = 1) => join(folder, logFileName('doc-1', seq));
const restoredText = async () => (await new Journal(folder).readAll()).map((e) => e.text);

describe('restore is the snapshot with its log replayed, up to the first record it cannot trust', () => {
  test('a record torn by a crash mid-append is dropped; the records before it come back', async () => {
    const texts = await typeInto(new Journal(folder), 'abc');
    const log = await readFile(logPath(), 'utf8');
    const lastLine = log.slice(log.lastIndexOf('\n', log.length - 2) + 1);
    await writeFile(logPath(), log.slice(0, log.length - lastLine.length) + lastLine.slice(0, 20));
    expect(await restoredText()).toEqual([texts[2]]);
  });

  test('a flipped byte drops its record and every record after it', async () => {
    const texts = await typeInto(new Journal(folder), 'abcd');
    const log = Buffer.from(await readFile(logPath()));
    // The letter typed in the second record: 'b' becomes 'f', still valid JSON of the same length.
    const typed = log.indexOf('"b"', log.indexOf('\n')) + 1;
    log[typed] = (log[typed] ?? 0) ^ 0x04;
    await writeFile(logPath(), log);
    expect(await restoredText()).toEqual([texts[1]]);
  });

  test('edits that do not fit the text end the replay there', async () => {
    const texts = await typeInto(new Journal(folder), 'ab');
    const record = (at: number, insert: string, length: number) =>
      serializeRecord({ edits: [{ at, remove: 0, insert }], header: null, savedAt: 0, length });
    await appendFile(logPath(), record(999, '?', 8) + record(7, 'c', 8));
    expect(await restoredText()).toEqual([texts[2]]);
    await writeFile(logPath(), record(5, 'x', 99));
    expect(await restoredText()).toEqual(['draft']);
  });

  test('a log of an older sequence (killed mid-compaction) is ignored and deleted', async () => {
    const journal = new Journal(folder, { compaction: { minLogBytes: 1, logToSnapshot: 0 } });
    const texts = await typeInto(journal, 'abc');
    expect((await readdir(folder)).sort()).toEqual([snapshotFileName('doc-1')]);
    // What the folder held just after the new snapshot's rename, before the old log's removal.
    const stale = serializeRecord({
      edits: [{ at: 0, remove: 0, insert: 'STALE' }],
      header: null,
      savedAt: 0,
      length: 11,
    });
    await writeFile(logPath(2), stale);
    expect(await restoredText()).toEqual([texts.at(-1)]);
    expect(await readdir(folder)).toEqual([snapshotFileName('doc-1')]);
  });

  test('logs without a snapshot (a clear cut short) are deleted and restore nothing', async () => {
    await typeInto(new Journal(folder), 'ab');
    const { rm } = await import('node:fs/promises');
    await rm(join(folder, snapshotFileName('doc-1')));
    expect(await restoredText()).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
  });

  test('a header recorded in the log comes back with the text', async () => {
    const journal = new Journal(folder, { now });
    await journal.record(header('doc-1'), textOf('x'), null);
    const moved = header('doc-1', { path: '/Elsewhere.txt', baseRev: '0170000000b' });
    await journal.record(moved, textOf('x'), []);
    expect(await new Journal(folder).readAll()).toEqual([
      { ...moved, text: 'x', savedAt: now().toISOString() },
    ]);
  });
});

describe('upgrading from version 1 (one whole-text file per document)', () => {
  test('a version 1 file is still restored', async () => {
    await mkdir(folder, { recursive: true });
    const old = entry('doc-1', 'typed before the upgrade\n');
    await writeFile(join(folder, entryFileName('doc-1')), serializeEntry(old));
    expect(await new Journal(folder).readAll()).toEqual([old]);
  });

  test('it is replaced by the first snapshot, and not offered again', async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, entryFileName('doc-1')), serializeEntry(entry('doc-1', 'old')));
    const journal = new Journal(folder);
    await journal.record(header('doc-1'), textOf('old and new'), null);
    expect(await readdir(folder)).toEqual([snapshotFileName('doc-1')]);
    expect(await restoredText()).toEqual(['old and new']);
  });

  test('a version 1 file left beside a snapshot (a crash in between) is deleted', async () => {
    await new Journal(folder).record(header('doc-1'), textOf('new'), null);
    await writeFile(join(folder, entryFileName('doc-1')), serializeEntry(entry('doc-1', 'old')));
    expect(await restoredText()).toEqual(['new']);
    expect(await readdir(folder)).toEqual([snapshotFileName('doc-1')]);
  });
});

describe('what cannot be read is set aside, never fatal', () => {
  test('a crash mid-snapshot leaves a temp file: recovery deletes it and keeps the last good text', async () => {
    await typeInto(new Journal(folder), 'ab');
    const torn = `${snapshotFileName('doc-1')}.3f2a-crashed.tmp`;
    await writeFile(join(folder, torn), '0badc0de {"version":2,"seq":2,"entry":{"documentId":"doc-1","te');
    expect(await restoredText()).toEqual(['draftab']);
    expect((await readdir(folder)).sort()).toEqual([logFileName('doc-1', 1), snapshotFileName('doc-1')]);
  });

  test('a snapshot that does not parse is moved aside with its log, and the others still load', async () => {
    const journal = new Journal(folder, { now });
    await journal.record(header('doc-ok'), textOf('fine'), null);
    await typeInto(journal, 'ab', 'doc-bad');
    await writeFile(join(folder, snapshotFileName('doc-bad')), 'not a snapshot {');
    expect(await journal.readAll()).toEqual([entry('doc-ok', 'fine')]);
    const aside = (await readdir(folder)).filter((name) => name.endsWith('.corrupt'));
    expect(aside).toHaveLength(2);
    expect(aside.every((name) => name.startsWith(snapshotFileName('doc-bad').slice(0, 64)))).toBe(true);
    // Once aside, it stays out of the way.
    expect(await journal.readAll()).toEqual([entry('doc-ok', 'fine')]);
  });

  test('a snapshot whose checksum fails is set aside too', async () => {
    await new Journal(folder).record(header('doc-1'), textOf('precious'), null);
    const path = join(folder, snapshotFileName('doc-1'));
    await writeFile(path, (await readFile(path, 'utf8')).replace('precious', 'precioUs'));
    expect(await restoredText()).toEqual([]);
    expect((await readdir(folder)).some((name) => name.endsWith('.corrupt'))).toBe(true);
  });

  test('a version 1 file failing the schema check, or of an unknown version, is moved aside', async () => {
    const broken = { version: 1, entry: { ...entry('doc-1', 'x'), savedAt: 'yesterday', baseRev: 42 } };
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, entryFileName('doc-1')), JSON.stringify(broken));
    await writeFile(
      join(folder, entryFileName('doc-2')),
      JSON.stringify({ version: 99, entry: entry('doc-2', 'x') }),
    );
    expect(await new Journal(folder).readAll()).toEqual([]);
    expect((await readdir(folder)).filter((name) => name.endsWith('.corrupt'))).toHaveLength(2);
  });

  test("text stored under another document's name is set aside (a save could never clear it)", async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, entryFileName('doc-1')), serializeEntry(entry('doc-2', 'x')));
    const snapshot = JSON.stringify({ version: 2, seq: 1, entry: entry('doc-4', 'x') });
    await writeFile(join(folder, snapshotFileName('doc-3')), checksummedLine(snapshot));
    expect(await new Journal(folder).readAll()).toEqual([]);
    expect((await readdir(folder)).filter((name) => name.endsWith('.corrupt'))).toHaveLength(2);
  });

  test('no journal folder yet, or foreign files in it: nothing to recover, no error', async () => {
    expect(await new Journal(folder).readAll()).toEqual([]);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, '.DS_Store'), 'finder junk');
    expect(await new Journal(folder).readAll()).toEqual([]);
    expect(await readdir(folder)).toEqual(['.DS_Store']);
  });
});

test('entries come back oldest first, by their last record', async () => {
  let clock = new Date('2026-11-27T11:00:00.000Z');
  const journal = new Journal(folder, { now: () => clock });
  await journal.record(header('early'), textOf('a'), null);
  clock = new Date('2026-11-27T12:00:05.000Z');
  await journal.record(header('late'), textOf('b'), null);
  expect((await journal.readAll()).map((e) => e.documentId)).toEqual(['early', 'late']);
  clock = new Date('2026-11-27T13:00:00.000Z');
  await journal.record(header('early'), ...edit(textOf('a'), 1, 0, '!'));
  expect((await journal.readAll()).map((e) => e.documentId)).toEqual(['late', 'early']);
});

test('readAll waits for the records still queued', async () => {
  const slow = fsWithWrite(async (_path, data, real) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await real.write(data);
  });
  const journal = new Journal(folder, { fs: slow });
  void journal.record(header('doc-1'), textOf('ab'), null);
  void journal.record(header('doc-1'), ...edit(textOf('ab'), 2, 0, 'c'));
  expect((await journal.readAll()).map((e) => e.text)).toEqual(['abc']);
});

test('a record queued during recovery lands after it, so recovery never sets aside a fresh snapshot', async () => {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, snapshotFileName('doc-1')), 'garbage');
  // A slow disk: recovery still holds the garbage it read while the record could already write.
  const slowRead = {
    ...nodeJournalFs,
    read: async (path: string) => {
      const text = await nodeJournalFs.read(path);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return text;
    },
  };
  const journal = new Journal(folder, { fs: slowRead, now });
  const recovering = journal.readAll();
  const writing = journal.record(header('doc-1'), textOf('typed after start'), null);
  expect(await recovering).toEqual([]);
  await writing;
  expect(await journal.readAll()).toEqual([entry('doc-1', 'typed after start')]);
});
