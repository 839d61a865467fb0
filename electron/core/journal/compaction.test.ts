import { readdir } from 'node:fs/promises';
import { Text } from '@codemirror/state';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_COMPACTION, foldsNow, foldsWhenIdle } from './compaction.ts';
import { Journal } from './journal.ts';
import { logFileName, snapshotFileName } from './journal-files.ts';
import { countingFs, tempFolder } from './test-support/file-system.ts';
import { edit, header } from './test-support/records.ts';

let folder: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ folder, remove } = await tempFolder());
});
afterEach(() => remove());

const KiB = 1024;
const MiB = 1024 * KiB;

const LINES = ['Lorem ipsum dolor sit amet, consectetur', 'eiusmod tempor ✓ 😀'].map((line) =>
  line.padEnd(63, ' ut labore'),
);

/** About `bytes` of prose in 64-character lines. */
const textOfSize = (bytes: number): Text =>
  Text.of(Array.from({ length: Math.ceil(bytes / 64) }, (_, line) => LINES[line % 2] ?? ''));

/**
 * Types `count` keystrokes at spread-out places (an insert, a delete, a replace in turn) and returns the
 * bytes written for the largest one and for all of them.
 */
async function keystrokes(journal: Journal, written: () => number, start: Text, count: number) {
  let text = start;
  let largest = 0;
  const before = written();
  for (let index = 0; index < count; index++) {
    const at = Math.floor((((index * 7919) % 1000) / 1000) * (text.length - 2));
    const [next, edits] =
      [edit(text, at, 0, 'é'), edit(text, at, 1, ''), edit(text, at, 1, '😀')][index % 3] ?? [];
    if (!next || !edits) throw new Error('unreachable');
    const mark = written();
    await journal.record(header('doc-1'), next, edits);
    largest = Math.max(largest, written() - mark);
    text = next;
  }
  return { largest, total: written() - before, text };
}

describe('bytes written per keystroke are the size of the edit, not of the document', () => {
  test.each([
    ['1 MiB', MiB],
    ['20 MiB', 20 * MiB],
  ])('a small edit on a %s text writes under 1 KiB', async (name, size) => {
    const { fs, written } = countingFs();
    const journal = new Journal(folder, { fs });
    const start = textOfSize(size);
    await journal.record(header('doc-1'), start, null);
    expect(written()).toBeGreaterThan(size);
    const started = performance.now();
    const { largest, total, text } = await keystrokes(journal, written, start, 201);
    const perRecordMs = (performance.now() - started) / 201;
    console.log(
      `${name}: largest record ${largest} B, mean ${(total / 201).toFixed(1)} B, ${perRecordMs.toFixed(3)} ms`,
    );
    expect(largest).toBeLessThan(KiB);
    // That typing restores exactly is proven by the other tests; a 20 MiB restore here only adds seconds.
    expect(text.length).toBe(start.length + 67);
  });

  test('bytes written per byte typed stay bounded across compactions, however long the typing', async () => {
    const { fs, written } = countingFs();
    const journal = new Journal(folder, { fs });
    let text = textOfSize(256 * KiB);
    await journal.record(header('doc-1'), text, null);
    const before = written('snapshot');
    const paragraph = 'Typed words, one paragraph at a time. '.repeat(3);
    for (let index = 0; index < 3000; index++) {
      const [next, edits] = edit(text, (index * 7919) % text.length, 0, paragraph);
      text = next;
      await journal.record(header('doc-1'), text, edits);
    }
    await journal.flush();
    const typed = 3000 * paragraph.length;
    const [logged, folded] = [written('log'), written('snapshot') - before];
    console.log(`typed ${typed} B: ${logged} B of log, ${folded} B of snapshots`);
    expect(text.length).toBeGreaterThan(2 * 256 * KiB);
    expect(folded).toBeGreaterThan(0);
    // Each snapshot waited for a log of at least half its size.
    expect(folded).toBeLessThanOrEqual(2 * logged);
    expect(logged).toBeLessThan(2 * typed);
    expect((await new Journal(folder).readAll())[0]?.text === text.toString()).toBe(true);
  });
});

describe('an idle document (after 5 s without a record)', () => {
  // Fake timers only: the file system's promises stay real.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  test('is folded into a new snapshot when its log is worth it', async () => {
    const journal = new Journal(folder);
    let text = textOfSize(4 * KiB);
    await journal.record(header('doc-1'), text, null);
    for (let index = 0; index < 60; index++) {
      const [next, edits] = edit(text, index, 0, 'x'.repeat(100));
      text = next;
      await journal.record(header('doc-1'), text, edits);
    }
    vi.advanceTimersByTime(4900);
    await journal.flush();
    expect((await readdir(folder)).sort()).toEqual([logFileName('doc-1', 1), snapshotFileName('doc-1')]);
    vi.advanceTimersByTime(100);
    await journal.flush();
    expect(await readdir(folder)).toEqual([snapshotFileName('doc-1')]);
    expect((await journal.readAll())[0]?.text === text.toString()).toBe(true);
  });

  test('never has a large snapshot rewritten for a small log', async () => {
    const { fs, written } = countingFs();
    const journal = new Journal(folder, { fs });
    const start = textOfSize(MiB);
    await journal.record(header('doc-1'), start, null);
    const snapshot = written();
    const { total } = await keystrokes(journal, written, start, 3);
    vi.advanceTimersByTime(60_000);
    await journal.flush();
    expect(written()).toBe(snapshot + total);
    expect((await readdir(folder)).sort()).toEqual([logFileName('doc-1', 1), snapshotFileName('doc-1')]);
  });
});

test('the rule: fold while typing at half the snapshot (256 KiB at least), when idle at an eighth (4 KiB)', () => {
  const rule = DEFAULT_COMPACTION;
  expect(foldsNow(rule, 10 * MiB - 1, 20 * MiB)).toBe(false);
  expect(foldsNow(rule, 10 * MiB, 20 * MiB)).toBe(true);
  expect(foldsNow(rule, 256 * KiB - 1, KiB)).toBe(false);
  expect(foldsNow(rule, 256 * KiB, KiB)).toBe(true);
  expect(foldsWhenIdle(rule, 3, 20 * MiB)).toBe(false);
  expect(foldsWhenIdle(rule, 2.5 * MiB, 20 * MiB)).toBe(true);
  expect(foldsWhenIdle(rule, 4 * KiB - 1, 100)).toBe(false);
  expect(foldsWhenIdle(rule, 4 * KiB, 100)).toBe(true);
  expect(foldsWhenIdle(rule, 0, 0)).toBe(false);
});
