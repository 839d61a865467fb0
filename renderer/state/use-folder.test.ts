import { expect, test, vi } from 'vitest';
import type { BrowserEntry } from '../opus.ts';

// use-folder.ts reaches opus.ts, which looks for window.opus when it loads.
vi.stubGlobal('window', {});
const { sortEntries } = await import('./use-folder.ts');

const file = (name: string): BrowserEntry => ({
  kind: 'file',
  name,
  path: `/${name}`,
  pathLower: `/${name.toLowerCase()}`,
  size: 1,
  serverModified: '2024-05-17T09:30:00Z',
  rev: '0123456789',
});
const folder = (name: string): BrowserEntry => ({
  kind: 'folder',
  name,
  path: `/${name}`,
  pathLower: `/${name}`,
});
const names = (entries: readonly { name: string }[]) => entries.map((entry) => entry.name);

test('file2 sorts before file10', () => {
  expect(names(sortEntries([file('file10.txt'), file('file2.txt'), file('file1.txt')]))).toEqual([
    'file1.txt',
    'file2.txt',
    'file10.txt',
  ]);
});

test('folders come before files', () => {
  expect(names(sortEntries([file('a.txt'), folder('Zebra'), file('b.txt'), folder('Apples')]))).toEqual([
    'Apples',
    'Zebra',
    'a.txt',
    'b.txt',
  ]);
});

test('case does not split the list in two', () => {
  expect(names(sortEntries([file('beta.md'), file('Alpha.md'), file('alpha2.md')]))).toEqual([
    'Alpha.md',
    'alpha2.md',
    'beta.md',
  ]);
});

test('deleted entries from a cursor refresh are not listed', () => {
  const gone: BrowserEntry = { kind: 'deleted', name: 'old.txt', path: '/old.txt', pathLower: '/old.txt' };
  expect(names(sortEntries([gone, file('new.txt')]))).toEqual(['new.txt']);
});
