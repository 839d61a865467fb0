import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Journal } from './journal.ts';
import { type JournalFileHandle, type JournalFs, nodeJournalFs } from './journal-fs.ts';
import { countingFs, tempFolder } from './test-support/file-system.ts';
import { edit, header, textOf } from './test-support/records.ts';

let folder: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ folder, remove } = await tempFolder());
});
afterEach(() => remove());

/** The real file system, counting the files it has open right now. */
function openFilesFs(): { fs: JournalFs; open: () => number } {
  let open = 0;
  const counted = (handle: JournalFileHandle): JournalFileHandle => {
    open++;
    return {
      ...handle,
      close: () => {
        open--;
        return handle.close();
      },
    };
  };
  const fs: JournalFs = {
    ...nodeJournalFs,
    create: async (path) => counted(await nodeJournalFs.create(path)),
    append: async (path) => counted(await nodeJournalFs.append(path)),
  };
  return { fs, open: () => open };
}

/** Two documents typed into, each with a log open and an fsync pending. */
async function typeIntoTwo(journal: Journal): Promise<void> {
  for (const id of ['doc-1', 'doc-2']) {
    await journal.record(header(id), textOf('a'), null);
    await journal.record(header(id), ...edit(textOf('a'), 1, 0, 'b'));
  }
}

test('close (account switch) fsyncs what is pending before it resolves', async () => {
  const { fs, syncs } = countingFs();
  const journal = new Journal(folder, { fs, syncDelayMs: 60_000 });
  await typeIntoTwo(journal);
  const before = syncs();
  await journal.close();
  expect(syncs()).toBe(before + 2);
});

test('close lets go of every open file before it resolves, and the text is still there', async () => {
  const { fs, open } = openFilesFs();
  const journal = new Journal(folder, { fs, syncDelayMs: 60_000 });
  await typeIntoTwo(journal);
  expect(open()).toBe(2);
  await journal.close();
  expect(open()).toBe(0);
  expect((await new Journal(folder).readAll()).map((e) => e.text)).toEqual(['ab', 'ab']);
});

test('close leaves no timer behind: nothing of the old account runs later', async () => {
  // Fake timers only: the file system's promises stay real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    const journal = new Journal(folder, { syncDelayMs: 60_000 });
    await typeIntoTwo(journal);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await journal.close();
    expect(vi.getTimerCount()).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});
