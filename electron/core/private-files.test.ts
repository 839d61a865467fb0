import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makePrivateFolder, narrowPrivateTree, openPrivateFile, writePrivateFile } from './private-files.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

let root: string;
const umaskAtStart = process.umask();
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opus-private-files-'));
  // The worst umask: whatever is not set explicitly comes out 0777 / 0666.
  process.umask(0o000);
});
afterEach(() => {
  process.umask(umaskAtStart);
  rmSync(root, { recursive: true, force: true });
});

test('a private folder and every parent it had to make are 0700; a parent that was there is left alone', async () => {
  chmodSync(root, 0o755);
  await makePrivateFolder(join(root, 'a', 'b', 'c'));
  expect([modeOf(join(root, 'a')), modeOf(join(root, 'a', 'b')), modeOf(join(root, 'a', 'b', 'c'))]).toEqual([
    0o700, 0o700, 0o700,
  ]);
  expect(modeOf(root)).toBe(0o755);
});

test('a private file is 0600, also when it replaces one others could read', async () => {
  const file = join(root, 'settings.json');
  writeFileSync(file, '{}', { mode: 0o644 });
  await writePrivateFile(file, '{"a":1}');
  expect(modeOf(file)).toBe(0o600);
  await writePrivateFile(join(root, 'new.txt'), 'x', { flag: 'wx' });
  expect(modeOf(join(root, 'new.txt'))).toBe(0o600);
});

test('a file opened for appending is narrowed through its handle, even one made readable before', async () => {
  const file = join(root, 'log');
  writeFileSync(file, 'old\n', { mode: 0o666 });
  const handle = await openPrivateFile(file, 'a');
  await handle.close();
  expect(modeOf(file)).toBe(0o600);
});

test('narrowing takes the group’s and others’ bits off everything, follows no link, and the second time finds nothing', async () => {
  const outside = join(root, 'outside.txt');
  writeFileSync(outside, 'not ours', { mode: 0o644 });
  const data = join(root, 'data');
  mkdirSync(join(data, 'journal'), { recursive: true, mode: 0o755 });
  writeFileSync(join(data, 'journal', 'doc.log'), 'text', { mode: 0o644 });
  writeFileSync(join(data, 'run.sh'), '', { mode: 0o755 });
  writeFileSync(join(data, 'fine'), '', { mode: 0o600 });
  symlinkSync(outside, join(data, 'link'));

  const narrowed = await narrowPrivateTree(data);

  expect(narrowed.sort()).toEqual([
    data,
    join(data, 'journal'),
    join(data, 'journal', 'doc.log'),
    join(data, 'run.sh'),
  ]);
  expect(modeOf(join(data, 'journal'))).toBe(0o700);
  expect(modeOf(join(data, 'journal', 'doc.log'))).toBe(0o600);
  // The owner's own bits stay as they were: only the group and others lose theirs.
  expect(modeOf(join(data, 'run.sh'))).toBe(0o700);
  expect(modeOf(outside)).toBe(0o644);
  expect(await narrowPrivateTree(data)).toEqual([]);
});
