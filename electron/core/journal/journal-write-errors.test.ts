import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { isOpusError, type OpusError } from '../errors.ts';
import { Journal } from './journal.ts';
import { nodeJournalFs } from './journal-fs.ts';
import { entry, errno, fsWithWrite, tempFolder } from './journal-test-kit.ts';

let folder: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ folder, remove } = await tempFolder());
});
afterEach(async () => {
  vi.useRealTimers();
  await remove();
});

const diskFull = fsWithWrite(async () => {
  throw errno('ENOSPC');
});

async function rejection(promise: Promise<unknown>): Promise<OpusError> {
  try {
    await promise;
  } catch (error) {
    if (isOpusError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

test('a full disk rejects the write with words the user can act on, and leaves no temp file', async () => {
  const unsaved = entry('doc-1', 'precious unsaved text');
  const snapshot = structuredClone(unsaved);
  const error = await rejection(new Journal(folder, { fs: diskFull }).write(unsaved));
  expect(error.kind).toBe('local_io');
  expect(error.message).toMatch(/disk is full.*\/Notes\/doc-1\.txt.*still open/);
  expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOSPC');
  expect(await readdir(folder)).toEqual([]);
  expect(unsaved).toEqual(snapshot);
});

test('a failed write keeps the previous journal entry intact', async () => {
  const good = entry('doc-1', 'version 1');
  await new Journal(folder).write(good);
  await rejection(new Journal(folder, { fs: diskFull }).write(entry('doc-1', 'version 2')));
  expect(await new Journal(folder).readAll()).toEqual([good]);
});

test('a folder it may not write to says so', async () => {
  const readOnly = { ...nodeJournalFs, create: async () => Promise.reject(errno('EACCES')) };
  const error = await rejection(new Journal(folder, { fs: readOnly }).write(entry('doc-1', 'x')));
  expect(error.message).toMatch(/not allowed to write its crash-recovery copy .* in /);
});

test('a failing scheduled write reaches onError with its document', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const failures: [OpusError, string][] = [];
  const journal = new Journal(folder, {
    fs: diskFull,
    onError: (error, documentId) => failures.push([error, documentId]),
  });
  journal.schedule(entry('doc-1', 'typed'));
  vi.advanceTimersByTime(1000);
  await journal.flush();
  expect(failures).toHaveLength(1);
  expect(failures[0]?.[0].message).toMatch(/disk is full/);
  expect(failures[0]?.[1]).toBe('doc-1');
});

test('clear never rejects (callers fire and forget it); a failure goes to onError', async () => {
  const failures: string[] = [];
  const stuck = { ...nodeJournalFs, remove: async () => Promise.reject(errno('EPERM')) };
  const journal = new Journal(folder, { fs: stuck, onError: (error) => failures.push(error.message) });
  await journal.clear('doc-1');
  expect(failures).toEqual([expect.stringMatching(/not allowed to remove its crash-recovery copy/)]);
  const quiet = new Journal(folder, { onError: (error) => failures.push(error.message) });
  await quiet.clear('never-written');
  expect(failures).toHaveLength(1);
});

test('flush on quit rejects when a pending write fails', async () => {
  const journal = new Journal(folder, { fs: diskFull, debounceMs: 60_000 });
  journal.schedule(entry('doc-1', 'typed'));
  expect((await rejection(journal.flush())).message).toMatch(/disk is full/);
});

test('an entry that would not survive recovery is refused up front', async () => {
  const error = await rejection(new Journal(folder).write(entry('doc-1', 'x', { savedAt: 'not a date' })));
  expect(error.kind).toBe('invalid_request');
});

// Root writes anywhere, so the real permission check only runs as an ordinary user.
test.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('a real read-only folder', async () => {
  const { chmod, mkdir } = await import('node:fs/promises');
  await mkdir(folder, { recursive: true });
  await chmod(folder, 0o500);
  try {
    const error = await rejection(new Journal(folder).write(entry('doc-1', 'x')));
    expect(error.message).toMatch(/not allowed/);
  } finally {
    await chmod(folder, 0o700);
  }
});
