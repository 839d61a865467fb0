import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

// One more than a page of list_folder (2000 entries, Dropbox's and localbox's default).
const COUNT = 2001;

test('a folder of more than one page comes in pages joined by the cursor, every entry once', {
  timeout: 30_000,
}, async () => {
  const client = bench.other;
  const names = Array.from({ length: COUNT }, (_, i) => `item ${i}`);
  for (let i = 0; i < names.length; i += 100) {
    await Promise.all(
      names.slice(i, i + 100).map((name) => client.filesCreateFolderV2({ path: `/Big/${name}` })),
    );
  }
  await bench.put('/Big/readme.txt', 'read me');

  const first = await bench.opus.call('listFolder', { path: '/Big' });
  expect(first.hasMore).toBe(true);
  const seen = first.entries.map((e) => e.name);
  let cursor = first.cursor;
  for (let pages = 1; pages < 5; pages++) {
    const next = await bench.opus.call('listFolder', { path: '/Big', cursor });
    seen.push(...next.entries.map((e) => e.name));
    cursor = next.cursor;
    if (!next.hasMore) break;
  }
  expect(seen).toHaveLength(COUNT + 1);
  expect(new Set(seen)).toEqual(new Set([...names, 'readme.txt']));
});
