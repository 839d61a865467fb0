import { afterAll, beforeAll, expect, test } from 'vitest';
import { memoryStore } from '../auth/test-support/memory-store.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { RecentFiles } from './recent-files.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

test('the files opened lately, newest first: opened again moves up, only ten are kept, a restart keeps them', async () => {
  for (let i = 1; i <= 12; i++) await bench.put(`/Recent/file-${i}.txt`, `file ${i}\n`);
  for (let i = 1; i <= 12; i++) await bench.opus.open(`/Recent/file-${i}.txt`);
  await bench.opus.open('/Recent/file-5.txt');
  const recent = await bench.opus.call('getRecentFiles', {});
  expect(recent.map((entry) => entry.name)).toEqual([
    'file-5.txt',
    'file-12.txt',
    'file-11.txt',
    'file-10.txt',
    'file-9.txt',
    'file-8.txt',
    'file-7.txt',
    'file-6.txt',
    'file-4.txt',
    'file-3.txt',
  ]);
  expect(recent[0]).toMatchObject({ path: '/Recent/file-5.txt', openedAt: expect.stringMatching(/^\d{4}-/) });
  // The next start (same settings store, same account) remembers them.
  const next = await bench.restart();
  expect((await next.call('getRecentFiles', {})).map((entry) => entry.name)[0]).toBe('file-5.txt');
});

test('signed out there are none, and a damaged list is started again instead of failing', async () => {
  const store = memoryStore();
  let account: string | null = null;
  const recent = new RecentFiles(store, () => account);
  await recent.opened({ path: '/a.txt', name: 'a.txt' });
  expect(await recent.list()).toEqual([]);
  account = 'ada';
  await store.set('recent.ada', '{not json');
  expect(await recent.list()).toEqual([]);
  await recent.opened({ path: '/a.txt', name: 'a.txt' });
  expect((await recent.list()).map((entry) => entry.path)).toEqual(['/a.txt']);
  // Opens at the same moment (the open answers before its entry is written) both make the list.
  void recent.opened({ path: '/b.txt', name: 'b.txt' });
  void recent.opened({ path: '/c.txt', name: 'c.txt' });
  expect((await recent.list()).map((entry) => entry.path)).toEqual(['/c.txt', '/b.txt', '/a.txt']);
  account = 'bob';
  expect(await recent.list()).toEqual([]);
});
