import { appendFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { JournalWrites, JournalWritesThread, sharedClock } from './journal-writes.ts';

let folder = '';
let now = 0;
let writes: JournalWrites;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'journal-writes-'));
  now = 0;
  writes = new JournalWrites(folder, () => now, null);
});

afterEach(async () => {
  await writes.stop();
  await rm(folder, { recursive: true, force: true });
});

/** What the journal does today: a temp file in the same folder, renamed over the entry. */
async function replaceAtomically(name: string, bytes: number) {
  await writeFile(join(folder, `${name}.tmp`), 'x'.repeat(bytes));
  await rename(join(folder, `${name}.tmp`), join(folder, name));
}

test('a file rewritten whole counts its full size at every write, though the folder barely grows', async () => {
  await replaceAtomically('entry.json', 1000);
  await writes.start();
  now = 10;
  await replaceAtomically('entry.json', 1001);
  await writes.sample();
  now = 20;
  await writes.sample();
  now = 30;
  await replaceAtomically('entry.json', 1002);
  expect(await writes.stop()).toEqual([
    { at: 10, bytes: 1001 },
    { at: 30, bytes: 1002 },
  ]);
});

test('a log appended to counts what it grew by; growth with pauses under 50 ms is one write', async () => {
  await writeFile(join(folder, 'log'), 'x'.repeat(5000));
  await writes.start();
  now = 10;
  await appendFile(join(folder, 'log'), 'y'.repeat(40));
  await writes.sample();
  now = 40;
  await appendFile(join(folder, 'log'), 'y'.repeat(2));
  await writes.sample();
  now = 107;
  await appendFile(join(folder, 'log'), 'y'.repeat(60));
  await writes.sample();
  now = 174;
  await appendFile(join(folder, 'log'), 'y'.repeat(61));
  expect(await writes.stop()).toEqual([
    { at: 10, bytes: 42 },
    { at: 107, bytes: 60 },
    { at: 174, bytes: 61 },
  ]);
});

test('two files growing at once are two writes', async () => {
  await writes.start();
  now = 10;
  await writeFile(join(folder, 'snapshot'), 'x'.repeat(700));
  await writeFile(join(folder, 'log'), 'y'.repeat(30));
  const written = await writes.stop();
  expect(written.sort((a, b) => a.bytes - b.bytes)).toEqual([
    { at: 10, bytes: 30 },
    { at: 10, bytes: 700 },
  ]);
});

test('files in subfolders count (the journal keeps one folder per account), and a missing folder is no error', async () => {
  const missing = new JournalWrites(join(folder, 'not-yet'), () => now, null);
  await missing.start();
  expect(await missing.stop()).toEqual([]);
  await writes.start();
  now = 10;
  await mkdir(join(folder, 'account'), { recursive: true });
  await writeFile(join(folder, 'account', 'entry.json'), 'z'.repeat(300));
  expect(await writes.stop()).toEqual([{ at: 10, bytes: 300 }]);
});

test('on a thread of its own, it samples by itself and answers the same writes', async () => {
  const thread = new JournalWritesThread(folder);
  try {
    await thread.start();
    await replaceAtomically('entry.json', 2000);
    while (thread.lastGrowthAt === Number.NEGATIVE_INFINITY) await new Promise((r) => setTimeout(r, 5));
    const written = await thread.stop();
    expect(written.map((write) => write.bytes)).toEqual([2000]);
    expect(Math.abs((written[0]?.at ?? 0) - sharedClock())).toBeLessThan(5000);
  } finally {
    await thread.close();
  }
});
