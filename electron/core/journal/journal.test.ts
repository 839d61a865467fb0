import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Journal } from './journal.ts';
import { entry, fsWithWrite, tempFolder } from './journal-test-kit.ts';

let folder: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ folder, remove } = await tempFolder());
});
afterEach(async () => {
  vi.useRealTimers();
  await remove();
});

const countingFs = () => {
  const writes: string[] = [];
  const fs = fsWithWrite(async (_path, data, real) => {
    writes.push(data);
    await real.writeFile(data);
  });
  return { fs, writes };
};

describe('what is journaled comes back after a crash', () => {
  test('unicode text, its format and its base rev round-trip', async () => {
    const journal = new Journal(folder);
    const text = 'Ünïcödé ✓ — 日本語 — עברית — e\u0301 — 👩‍👩‍👧 — 𝄞\n\ttabs\r\nand a CRLF kept verbatim';
    const written = entry('doc-1', text, {
      format: { encoding: 'utf-16be', bom: true, lineEnding: 'crlf', finalNewline: false },
    });
    await journal.write(written);
    expect(await new Journal(folder).readAll()).toEqual([written]);
  });

  test('a document never saved to Dropbox has no base rev', async () => {
    const journal = new Journal(folder);
    const fresh = entry('new-1', 'draft', { baseRev: null, baseContentHash: null });
    await journal.write(fresh);
    expect(await journal.readAll()).toEqual([fresh]);
  });

  test('files are named from a hash of the document id, never from the path', async () => {
    const journal = new Journal(folder);
    await journal.write(entry('id:AAAA/bbb', 'x', { path: '/../../etc/passwd:*?"<>|' }));
    const names = await readdir(folder);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^[0-9a-f]{64}\.json$/);
  });
});

describe('schedule debounces per document', () => {
  test('many schedules in a burst make one write, with the last text', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fs, writes } = countingFs();
    const journal = new Journal(folder, { fs, debounceMs: 1000 });
    for (let index = 1; index <= 50; index++) {
      journal.schedule(entry('doc-1', `typing… ${index}`));
      vi.advanceTimersByTime(100);
    }
    expect(writes).toHaveLength(0);
    vi.advanceTimersByTime(1000);
    await journal.flush();
    expect(writes).toHaveLength(1);
    expect((await journal.readAll()).map((e) => e.text)).toEqual(['typing… 50']);
  });

  test('documents debounce independently', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fs, writes } = countingFs();
    const journal = new Journal(folder, { fs, debounceMs: 1000 });
    journal.schedule(entry('a', 'a1'));
    vi.advanceTimersByTime(600);
    journal.schedule(entry('b', 'b1'));
    vi.advanceTimersByTime(500);
    await journal.flush();
    expect(writes).toHaveLength(2);
    expect((await journal.readAll()).map((e) => e.text).sort()).toEqual(['a1', 'b1']);
  });

  test('works with a real short delay too', async () => {
    const journal = new Journal(folder, { debounceMs: 20 });
    journal.schedule(entry('doc-1', 'first'));
    journal.schedule(entry('doc-1', 'second'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    await journal.flush();
    expect((await journal.readAll()).map((e) => e.text)).toEqual(['second']);
  });

  test('flush writes what is scheduled right away (quit)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const journal = new Journal(folder, { debounceMs: 60_000 });
    journal.schedule(entry('a', 'unsaved a'));
    journal.schedule(entry('b', 'unsaved b'));
    await journal.flush();
    expect((await journal.readAll()).map((e) => e.text).sort()).toEqual(['unsaved a', 'unsaved b']);
  });
});

describe('clear', () => {
  test('removes the journal after a save', async () => {
    const journal = new Journal(folder);
    await journal.write(entry('doc-1', 'text'));
    await journal.clear('doc-1');
    expect(await journal.readAll()).toEqual([]);
    await journal.clear('doc-1');
  });

  test('cancels a pending scheduled write', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fs, writes } = countingFs();
    const journal = new Journal(folder, { fs, debounceMs: 1000 });
    journal.schedule(entry('doc-1', 'about to be saved'));
    await journal.clear('doc-1');
    vi.advanceTimersByTime(5000);
    await journal.flush();
    expect(writes).toHaveLength(0);
    expect(await journal.readAll()).toEqual([]);
  });

  test('waits for a write already running, so the cleared journal is not resurrected', async () => {
    const slow = fsWithWrite(async (_path, data, real) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await real.writeFile(data);
    });
    const journal = new Journal(folder, { fs: slow });
    const writing = journal.write(entry('doc-1', 'in flight'));
    await journal.clear('doc-1');
    await writing;
    expect(await journal.readAll()).toEqual([]);
  });
});

describe('writes are serialized per document, the last one wins', () => {
  test('concurrent writes for two documents never interleave within a document', async () => {
    const active = new Map<string, number>();
    let overlapAcrossDocuments = false;
    const fs = fsWithWrite(async (path, data, real) => {
      const name = path.slice(path.lastIndexOf('/') + 1, path.indexOf('.json'));
      expect(active.get(name) ?? 0).toBe(0);
      active.set(name, 1);
      if ([...active.values()].filter((count) => count > 0).length > 1) overlapAcrossDocuments = true;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      await real.writeFile(data);
      active.set(name, 0);
    });
    const journal = new Journal(folder, { fs });
    const writes = [];
    for (let index = 1; index <= 20; index++) {
      writes.push(journal.write(entry('a', `a${index}`)), journal.write(entry('b', `b${index}`)));
    }
    await Promise.all(writes);
    expect(overlapAcrossDocuments).toBe(true);
    expect((await journal.readAll()).map((e) => e.text).sort()).toEqual(['a20', 'b20']);
    const leftovers = (await readdir(folder)).filter((name) => !name.endsWith('.json'));
    expect(leftovers).toEqual([]);
  });

  test('the file on disk is always a complete entry', async () => {
    const journal = new Journal(folder);
    const big = 'x'.repeat(2_000_000);
    await journal.write(entry('doc-1', big));
    const name = (await readdir(folder))[0] ?? '';
    const onDisk = JSON.parse(await readFile(join(folder, name), 'utf8'));
    expect(onDisk).toMatchObject({ version: 1, entry: { documentId: 'doc-1' } });
    expect(onDisk.entry.text).toHaveLength(big.length);
  });
});
