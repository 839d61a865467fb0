import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Journal } from './journal.ts';
import { logFileName, snapshotFileName } from './journal-files.ts';
import { type JournalFs, nodeJournalFs } from './journal-fs.ts';
import { countingFs, fsWithWrite, tempFolder } from './test-support/file-system.ts';
import { edit, entry, header, now, textOf } from './test-support/records.ts';

let folder: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ folder, remove } = await tempFolder());
});
afterEach(async () => {
  vi.useRealTimers();
  await remove();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('what is recorded comes back after a crash', () => {
  test('unicode text, its format and its base rev round-trip, typed edit by edit', async () => {
    const journal = new Journal(folder, { now });
    const format = { encoding: 'utf-16be', bom: true, lineEnding: 'crlf' as const, finalNewline: false };
    let text = textOf('Ünïcödé ✓ — 日本語 — עברית — e\u0301 — 👩‍👩‍👧\n\ttabs\r\nand a CRLF kept verbatim');
    await journal.record(header('doc-1', { format }), text, null);
    let edits: ReturnType<typeof edit>[1];
    for (const [at, removed, insert] of [
      [0, 0, '𝄞'],
      [5, 3, '\n\n'],
      [12, 0, '✓'],
    ] as const) {
      [text, edits] = edit(text, at, removed, insert);
      await journal.record(header('doc-1', { format }), text, edits);
    }
    expect(await new Journal(folder).readAll()).toEqual([entry('doc-1', text.toString(), { format })]);
  });

  test('a document never saved to Dropbox has no base rev', async () => {
    const journal = new Journal(folder, { now });
    const fresh = header('new-1', { baseRev: null, baseContentHash: null });
    await journal.record(fresh, textOf('draft'), null);
    expect(await journal.readAll()).toEqual([{ ...fresh, text: 'draft', savedAt: now().toISOString() }]);
  });

  test('files are named from a hash of the document id, never from the path', async () => {
    const journal = new Journal(folder);
    const odd = header('id:AAAA/bbb', { path: '/../../etc/passwd:*?"<>|' });
    await journal.record(odd, textOf('x'), null);
    await journal.record(odd, textOf('xy'), [{ at: 1, remove: 0, insert: 'y' }]);
    const names = (await readdir(folder)).sort();
    expect(names).toEqual([logFileName('id:AAAA/bbb', 1), snapshotFileName('id:AAAA/bbb')]);
    expect(names[0]).toMatch(/^[0-9a-f]{64}\.1\.log$/);
  });
});

describe('a keystroke appends its edit; the whole text is written only as a snapshot', () => {
  test('typing leaves the snapshot alone and adds one log line per record', async () => {
    const journal = new Journal(folder);
    let text = textOf('The quick fox');
    await journal.record(header('doc-1'), text, null);
    const snapshot = await readFile(join(folder, snapshotFileName('doc-1')), 'utf8');
    for (const letter of 'brown ') {
      const [next, edits] = edit(text, 10 + 'brown '.indexOf(letter), 0, letter);
      text = next;
      await journal.record(header('doc-1'), text, edits);
    }
    expect(await readFile(join(folder, snapshotFileName('doc-1')), 'utf8')).toBe(snapshot);
    const log = await readFile(join(folder, logFileName('doc-1', 1)), 'utf8');
    expect(log.split('\n')).toHaveLength(7);
    expect((await journal.readAll())[0]?.text).toBe('The quick brown fox');
  });

  test('a call that changes neither text nor header writes nothing', async () => {
    const { fs, written } = countingFs();
    const journal = new Journal(folder, { fs });
    const text = textOf('same');
    await journal.record(header('doc-1'), text, null);
    const before = written();
    await journal.record(header('doc-1'), text, []);
    await journal.record(header('doc-1'), textOf('same'), null);
    const [typed, edits] = edit(text, 0, 0, 'x');
    await journal.record(header('doc-1'), typed.replace(0, 1, textOf('')), [
      ...edits,
      { at: 0, remove: 1, insert: '' },
    ]);
    expect(written()).toBe(before);
  });

  test('a save that adopts a new rev while text stays unsaved, and a Save As, are recorded', async () => {
    const journal = new Journal(folder, { now });
    const text = textOf('still unsaved');
    await journal.record(header('doc-1'), text, null);
    await journal.record(header('doc-1', { baseRev: '0160000000a', baseContentHash: 'abc' }), text, []);
    const moved = header('doc-1', { baseRev: '0160000000a', baseContentHash: 'abc', path: '/Moved.txt' });
    await journal.record(moved, text, []);
    expect(await new Journal(folder).readAll()).toEqual([
      { ...moved, text: 'still unsaved', savedAt: now().toISOString() },
    ]);
  });

  test('edits that do not lead to the text are not trusted: a snapshot keeps the text exact', async () => {
    const journal = new Journal(folder);
    await journal.record(header('doc-1'), textOf('abc'), null);
    await journal.record(header('doc-1'), textOf('abcd'), [{ at: 99, remove: 0, insert: 'd' }]);
    await journal.record(header('doc-1'), textOf('abcde'), [{ at: 0, remove: 0, insert: 'e' }]);
    expect((await new Journal(folder).readAll())[0]?.text).toBe('abcde');
    expect(await readdir(folder)).toEqual([snapshotFileName('doc-1')]);
  });

  test('a reload writes a new snapshot and the old log goes', async () => {
    const journal = new Journal(folder);
    const [typed, edits] = edit(textOf('draft'), 5, 0, '!');
    await journal.record(header('doc-1'), textOf('draft'), null);
    await journal.record(header('doc-1'), typed, edits);
    await journal.record(header('doc-1'), textOf('reloaded from Dropbox'), null);
    expect(await readdir(folder)).toEqual([snapshotFileName('doc-1')]);
    expect((await journal.readAll())[0]?.text).toBe('reloaded from Dropbox');
  });

  test('after a restart the first record is a snapshot above every old log, which never replays onto it', async () => {
    const before = new Journal(folder);
    const [typed, edits] = edit(textOf('old life'), 0, 0, '>');
    await before.record(header('doc-1'), textOf('old life'), null);
    await before.record(header('doc-1'), typed, edits);
    await before.flush();
    const after = new Journal(folder);
    const [next, moreEdits] = edit(textOf('new life'), 8, 0, '!');
    await after.record(header('doc-1'), next, moreEdits);
    expect(await readdir(folder)).toEqual([snapshotFileName('doc-1')]);
    await after.record(header('doc-1'), ...edit(next, 0, 0, '<'));
    expect((await after.readAll())[0]?.text).toBe('<new life!');
    expect((await readdir(folder)).sort()).toEqual([logFileName('doc-1', 2), snapshotFileName('doc-1')]);
  });
});

test('a log of the last life left behind by a crash never replays onto the new snapshot', async () => {
  const before = new Journal(folder);
  await before.record(header('doc-1'), textOf('old life'), null);
  await before.record(header('doc-1'), ...edit(textOf('old life'), 0, 0, 'STALE '));
  await before.flush();
  // As if killed just after the new snapshot's rename, before the old log's removal.
  const keepsLogs: JournalFs = { ...nodeJournalFs, remove: async () => undefined };
  await new Journal(folder, { fs: keepsLogs }).record(header('doc-1'), textOf('new life'), null);
  expect((await new Journal(folder).readAll()).map((e) => e.text)).toEqual(['new life']);
});

describe('fsync follows the write', () => {
  test('records resolve before their fsync, which comes once per syncDelayMs while typing goes on', async () => {
    // Fake timers only: the file system's promises stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fs, syncs } = countingFs();
    const journal = new Journal(folder, { fs, syncDelayMs: 1000 });
    let text = textOf('');
    await journal.record(header('doc-1'), text, null);
    const afterSnapshot = syncs();
    // Two and a half seconds of steady typing, a keystroke every 50 ms.
    for (let index = 0; index < 50; index++) {
      const [next, edits] = edit(text, text.length, 0, 'a');
      text = next;
      await journal.record(header('doc-1'), text, edits);
      if (index === 0) expect(syncs()).toBe(afterSnapshot);
      vi.advanceTimersByTime(50);
    }
    // Each fsync ran in the document's queue, so the next record waited for it: the count is settled.
    expect(syncs() - afterSnapshot).toBe(2);
    vi.advanceTimersByTime(1000);
    await vi.waitFor(() => expect(syncs() - afterSnapshot).toBe(3));
  });

  test('flush fsyncs what is pending right away (quit)', async () => {
    const { fs, syncs } = countingFs();
    const journal = new Journal(folder, { fs, syncDelayMs: 60_000 });
    await journal.record(header('a'), textOf('a'), null);
    await journal.record(header('a'), ...edit(textOf('a'), 1, 0, '1'));
    const before = syncs();
    await journal.flush();
    expect(syncs()).toBe(before + 1);
    await journal.flush();
    expect(syncs()).toBe(before + 1);
    // A record still queued when the quit comes is written, then fsynced, before flush resolves.
    void journal.record(header('a'), ...edit(textOf('a1'), 2, 0, '2'));
    await journal.flush();
    expect(syncs()).toBe(before + 2);
  });
});

describe('clear', () => {
  test('removes the snapshot and the log after a save', async () => {
    const journal = new Journal(folder);
    await journal.record(header('doc-1'), textOf('text'), null);
    await journal.record(header('doc-1'), ...edit(textOf('text'), 4, 0, '!'));
    await journal.clear('doc-1');
    expect(await readdir(folder)).toEqual([]);
    expect(await journal.readAll()).toEqual([]);
    await journal.clear('doc-1');
  });

  test('the next record after a clear starts again with a snapshot', async () => {
    const journal = new Journal(folder);
    await journal.record(header('doc-1'), textOf('saved'), null);
    await journal.clear('doc-1');
    await journal.record(header('doc-1'), ...edit(textOf('saved'), 5, 0, '!'));
    expect((await journal.readAll())[0]?.text).toBe('saved!');
  });

  test('waits for a write already running, so the cleared journal is not resurrected', async () => {
    const slow = fsWithWrite(async (_path, data, real) => {
      await pause(30);
      await real.write(data);
    });
    const journal = new Journal(folder, { fs: slow });
    const writing = journal.record(header('doc-1'), textOf('in flight'), null);
    await journal.clear('doc-1');
    await writing;
    expect(await journal.readAll()).toEqual([]);
  });
});

describe('writes are serialized per document', () => {
  test('records for two documents never interleave within a document, and the last one wins', async () => {
    const active = new Map<string, number>();
    let overlapAcrossDocuments = false;
    const fs = fsWithWrite(async (path, data, real) => {
      const name = path.slice(path.lastIndexOf('/') + 1, path.lastIndexOf('/') + 65);
      expect(active.get(name) ?? 0).toBe(0);
      active.set(name, 1);
      if ([...active.values()].filter((count) => count > 0).length > 1) overlapAcrossDocuments = true;
      await pause(Math.random() * 5);
      await real.write(data);
      active.set(name, 0);
    });
    const journal = new Journal(folder, { fs, compaction: { minLogBytes: 200, logToSnapshot: 0 } });
    const records = [];
    const texts = { a: textOf(''), b: textOf('') };
    for (let index = 1; index <= 20; index++) {
      for (const id of ['a', 'b'] as const) {
        const [next, edits] = edit(texts[id], texts[id].length, 0, `${id}${index} `);
        texts[id] = next;
        records.push(journal.record(header(id), next, index % 7 === 0 ? null : edits));
      }
    }
    await Promise.all(records);
    await journal.flush();
    expect(overlapAcrossDocuments).toBe(true);
    const restored = await new Journal(folder).readAll();
    expect(restored.map((e) => e.text).sort()).toEqual([texts.a.toString(), texts.b.toString()]);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('the snapshot on disk is always complete', async () => {
    const journal = new Journal(folder);
    const big = 'x'.repeat(2_000_000);
    await journal.record(header('doc-1'), textOf(big), null);
    const onDisk = await readFile(join(folder, snapshotFileName('doc-1')), 'utf8');
    const parsed = JSON.parse(onDisk.slice(9));
    expect(parsed).toMatchObject({ version: 2, seq: 1, entry: { documentId: 'doc-1' } });
    expect(parsed.entry.text).toHaveLength(big.length);
  });
});
