import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { isOpusError, type OpusError } from '../errors.ts';
import { Journal } from './journal.ts';
import { type JournalFs, nodeJournalFs } from './journal-fs.ts';
import { errno, fsWithWrite, tempFolder } from './test-support/file-system.ts';
import { edit, header, now, textOf } from './test-support/records.ts';

let folder: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ folder, remove } = await tempFolder());
});
afterEach(() => remove());

const diskFull = fsWithWrite(async () => {
  throw errno('ENOSPC');
});

/** The real file system until `fail()` is called; then every append to a log fails like `failure`. */
function failingLater(
  failure: (data: string, real: { write(data: string): Promise<void> }) => Promise<void>,
) {
  let failing = false;
  const fs = fsWithWrite(async (path, data, real) => {
    if (failing && path.endsWith('.log')) return failure(data, real);
    await real.write(data);
  });
  return { fs, fail: () => (failing = true), heal: () => (failing = false) };
}

/** The real file system until the disk fills up after the first snapshot: compactions fail. */
function firstSnapshotOnly(): JournalFs {
  let snapshots = 0;
  return {
    ...nodeJournalFs,
    create: async (path) => (++snapshots > 1 ? Promise.reject(errno('ENOSPC')) : nodeJournalFs.create(path)),
  };
}

async function rejection(promise: Promise<unknown>): Promise<OpusError> {
  try {
    await promise;
  } catch (error) {
    if (isOpusError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

test('a full disk rejects the record with words the user can act on, and leaves no temp file', async () => {
  const error = await rejection(
    new Journal(folder, { fs: diskFull }).record(header('doc-1'), textOf('x'), null),
  );
  expect(error.kind).toBe('local_io');
  expect(error.message).toMatch(/disk is full.*\/Notes\/doc-1\.txt.*still open/);
  expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOSPC');
  expect(await readdir(folder)).toEqual([]);
});

test('a failed record keeps what was journaled before intact', async () => {
  await new Journal(folder).record(header('doc-1'), textOf('version 1'), null);
  await rejection(new Journal(folder, { fs: diskFull }).record(header('doc-1'), textOf('version 2'), null));
  expect((await new Journal(folder).readAll()).map((e) => e.text)).toEqual(['version 1']);
});

test('an append torn by a full disk is never followed by records hidden behind it', async () => {
  const { fs, fail, heal } = failingLater(async (data, real) => {
    await real.write(data.slice(0, 7));
    throw errno('ENOSPC');
  });
  const journal = new Journal(folder, { fs });
  let [text, edits] = edit(textOf('ab'), 2, 0, 'c');
  await journal.record(header('doc-1'), textOf('ab'), null);
  await journal.record(header('doc-1'), text, edits);
  fail();
  [text, edits] = edit(text, 3, 0, 'd');
  await rejection(journal.record(header('doc-1'), text, edits));
  heal();
  [text, edits] = edit(text, 4, 0, 'e');
  await journal.record(header('doc-1'), text, edits);
  await journal.record(header('doc-1'), ...edit(text, 5, 0, 'f'));
  expect((await new Journal(folder).readAll()).map((e) => e.text)).toEqual(['abcdef']);
});

test('a folder it may not write to says so', async () => {
  const readOnly: JournalFs = { ...nodeJournalFs, create: async () => Promise.reject(errno('EACCES')) };
  const error = await rejection(
    new Journal(folder, { fs: readOnly }).record(header('doc-1'), textOf('x'), null),
  );
  expect(error.message).toMatch(/not allowed to write its crash-recovery copy .* in /);
});

test('a failing fsync reaches onError with its document, and the next record rewrites the snapshot', async () => {
  const failures: [OpusError, string][] = [];
  let failSync = false;
  const fs: JournalFs = {
    ...nodeJournalFs,
    append: async (path) => {
      const real = await nodeJournalFs.append(path);
      return { ...real, sync: () => (failSync ? Promise.reject(errno('EIO')) : real.sync()) };
    },
  };
  const journal = new Journal(folder, {
    fs,
    syncDelayMs: 5,
    onError: (error, id) => failures.push([error, id]),
  });
  await journal.record(header('doc-1'), textOf('a'), null);
  failSync = true;
  await journal.record(header('doc-1'), ...edit(textOf('a'), 1, 0, 'b'));
  await new Promise((resolve) => setTimeout(resolve, 40));
  expect(failures).toHaveLength(1);
  expect(failures[0]?.[0].message).toMatch(
    /could not write its crash-recovery copy of \/Notes\/doc-1\.txt \(EIO\)/,
  );
  expect(failures[0]?.[1]).toBe('doc-1');
  failSync = false;
  await journal.record(header('doc-1'), ...edit(textOf('ab'), 2, 0, 'c'));
  expect(await readdir(folder)).toHaveLength(1);
  expect((await journal.readAll()).map((e) => e.text)).toEqual(['abc']);
});

test('a failing compaction reaches onError, and the log keeps every record', async () => {
  const failures: string[] = [];
  const fs = firstSnapshotOnly();
  const journal = new Journal(folder, {
    fs,
    compaction: { minLogBytes: 100, logToSnapshot: 0 },
    onError: (error) => failures.push(error.message),
  });
  let text = textOf('');
  await journal.record(header('doc-1'), text, null);
  for (let index = 0; index < 20; index++) {
    const [next, edits] = edit(text, text.length, 0, `${index},`);
    text = next;
    await journal.record(header('doc-1'), text, edits);
  }
  await journal.flush();
  // Retried only once the log has doubled, so a full disk is not asked for a snapshot at every keystroke.
  expect(failures.length).toBeGreaterThan(0);
  expect(failures.length).toBeLessThan(5);
  expect(failures[0]).toMatch(/disk is full/);
  expect((await new Journal(folder).readAll()).map((e) => e.text)).toEqual([text.toString()]);
});

test('clear never rejects (callers fire and forget it); a failure goes to onError', async () => {
  const failures: string[] = [];
  const stuck: JournalFs = { ...nodeJournalFs, remove: async () => Promise.reject(errno('EPERM')) };
  const journal = new Journal(folder, { fs: stuck, onError: (error) => failures.push(error.message) });
  await journal.clear('doc-1');
  expect(failures).toEqual([
    expect.stringMatching(/not allowed to remove its crash-recovery copy of document doc-1 in /),
  ]);
  const quiet = new Journal(folder, { onError: (error) => failures.push(error.message) });
  await quiet.clear('never-written');
  expect(failures).toHaveLength(1);
});

test('flush on quit rejects when a pending fsync fails', async () => {
  const fs: JournalFs = {
    ...nodeJournalFs,
    append: async (path) => ({
      ...(await nodeJournalFs.append(path)),
      sync: () => Promise.reject(errno('ENOSPC')),
    }),
  };
  const journal = new Journal(folder, { fs, syncDelayMs: 60_000 });
  await journal.record(header('doc-1'), textOf('a'), null);
  await journal.record(header('doc-1'), ...edit(textOf('a'), 1, 0, 'b'));
  expect((await rejection(journal.flush())).message).toMatch(/disk is full/);
});

test('a header that would not survive recovery is refused up front', async () => {
  const bad = {
    ...header('doc-1'),
    format: { encoding: '', bom: false, lineEnding: 'lf' as const, finalNewline: true },
  };
  const error = await rejection(new Journal(folder).record(bad, textOf('x'), null));
  expect(error.kind).toBe('invalid_request');
  expect(error.message).toMatch(/^Journal record refused: .*encoding/s);
});

// Root writes anywhere, so the real permission check only runs as an ordinary user.
test.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('a real read-only folder', async () => {
  const { chmod, mkdir } = await import('node:fs/promises');
  await mkdir(folder, { recursive: true });
  await chmod(folder, 0o500);
  try {
    const error = await rejection(new Journal(folder).record(header('doc-1'), textOf('x'), null));
    expect(error.message).toMatch(/not allowed/);
  } finally {
    await chmod(folder, 0o700);
  }
});

test("a journal that cannot be removed after a save names the document's path", async () => {
  const failures: string[] = [];
  const stuck: JournalFs = { ...nodeJournalFs, remove: async () => Promise.reject(errno('EIO')) };
  const journal = new Journal(folder, { fs: stuck, onError: (error) => failures.push(error.message) });
  await journal.record(header('doc-1'), textOf('saved'), null);
  await journal.clear('doc-1');
  expect(failures).toEqual([
    expect.stringMatching(/could not remove its crash-recovery copy of \/Notes\/doc-1\.txt \(EIO\)/),
  ]);
});

test('a recovery that fails outright offers nothing rather than failing the start', async () => {
  await new Journal(folder).record(header('doc-1'), textOf('x'), null);
  const broken: JournalFs = {
    ...nodeJournalFs,
    read: async () => 'not a snapshot {',
    // Not even a rejection: a file system that throws as it is called.
    rename: () => {
      throw errno('EIO');
    },
  };
  expect(await new Journal(folder, { fs: broken }).readAll()).toEqual([]);
});

test('after a failed compaction, it is tried again exactly when the log has doubled', async () => {
  const attempts: number[] = [];
  let records = 0;
  const fs = firstSnapshotOnly();
  const journal = new Journal(folder, {
    fs,
    now,
    compaction: { minLogBytes: 1, logToSnapshot: 0 },
    onError: () => attempts.push(records),
  });
  // Replacing the first letter: every log line has the same size, so the log doubles at record 2, 4, 8.
  let text = textOf('a-draft');
  await journal.record(header('doc-1'), text, null);
  for (records = 1; records <= 8; records++) {
    const [next, edits] = edit(text, 0, 1, String(records));
    text = next;
    await journal.record(header('doc-1'), text, edits);
    await journal.flush();
  }
  expect(attempts).toEqual([1, 2, 4, 8]);
  expect((await new Journal(folder).readAll()).map((e) => e.text)).toEqual(['8-draft']);
});

test('after a failed fsync, an idle document gets a fresh snapshot, so a power cut keeps its text', async () => {
  let failures = 0;
  const fs: JournalFs = {
    ...nodeJournalFs,
    append: async (path) => ({
      ...(await nodeJournalFs.append(path)),
      sync: () => Promise.reject(errno('EIO')),
    }),
  };
  const journal = new Journal(folder, {
    fs,
    syncDelayMs: 5,
    compaction: { idleMs: 30 },
    onError: () => failures++,
  });
  await journal.record(header('doc-1'), textOf('a'), null);
  await journal.record(header('doc-1'), ...edit(textOf('a'), 1, 0, 'b'));
  await vi.waitFor(() => expect(failures).toBe(1));
  // Due after the idle timer, so its snapshot is queued by then and flush waits for it.
  await new Promise((resolve) => setTimeout(resolve, 40));
  await journal.flush();
  // The power cut: the kernel drops the log's pages that were never fsynced.
  for (const name of await readdir(folder)) if (name.endsWith('.log')) await rm(join(folder, name));
  expect((await new Journal(folder).readAll()).map((e) => e.text)).toEqual(['ab']);
});
