import { describe, expect, test } from 'vitest';
import type { RemoteEntry } from '../dropbox/remote-file.ts';
import { PathIndex } from './path-index.ts';

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const file = (path: string): RemoteEntry => ({
  kind: 'file',
  name: baseName(path),
  path,
  pathLower: path.toLowerCase(),
  id: `id:${path}`,
  rev: '0123456789',
  size: 1,
  contentHash: '',
  serverModified: '2026-01-01T00:00:00Z',
  clientModified: '2026-01-01T00:00:00Z',
});
const folder = (path: string): RemoteEntry => ({
  kind: 'folder',
  name: baseName(path),
  path,
  pathLower: path.toLowerCase(),
  id: `id:${path}`,
});
const deleted = (path: string): RemoteEntry => ({
  kind: 'deleted',
  name: baseName(path),
  path,
  pathLower: path.toLowerCase(),
});

function indexOf(...paths: string[]): PathIndex {
  const index = new PathIndex();
  index.apply(paths.map((path) => (path.endsWith('/') ? folder(path.slice(0, -1)) : file(path))));
  return index;
}
const paths = (index: PathIndex, query: string, recent: string[] = [], limit = 50) =>
  index.search(query, limit, recent).map((match) => match.path);

describe('building the index from a recursive listing', () => {
  test('keeps every file and no folder', () => {
    const index = indexOf(
      '/Notes/',
      '/Notes/Meeting notes.txt',
      '/Notes/Todo.md',
      '/Drafts/',
      '/Drafts/Novel.md',
    );
    expect(index.size).toBe(3);
    expect(paths(index, 'md')).toEqual(['/Notes/Todo.md', '/Drafts/Novel.md']);
  });

  test('a file listed again with another casing is one file, shown as last listed', () => {
    const index = indexOf('/Notes/todo.md');
    index.apply([file('/Notes/TODO.md')]);
    expect(index.size).toBe(1);
    expect(paths(index, 'todo')).toEqual(['/Notes/TODO.md']);
  });
});

describe('following list_folder/continue deltas', () => {
  test('a deleted file leaves, and the others stay findable', () => {
    const index = indexOf('/a/one.txt', '/a/two.txt', '/a/three.txt');
    index.apply([deleted('/a/one.txt')]);
    expect(index.size).toBe(2);
    expect(paths(index, 'txt').sort()).toEqual(['/a/three.txt', '/a/two.txt']);
    index.apply([deleted('/a/three.txt'), deleted('/a/two.txt')]);
    expect(paths(index, 'txt')).toEqual([]);
  });

  test('a deleted folder takes every file beneath it, and no file of a folder named alike', () => {
    const index = indexOf('/Old/a.txt', '/Old/deep/b.txt', '/Older/c.txt', '/d.txt');
    index.apply([deleted('/Old')]);
    expect(paths(index, 'txt').sort()).toEqual(['/Older/c.txt', '/d.txt']);
  });

  test('a rename (the old path deleted, the new one added) is found only by its new name', () => {
    const index = indexOf('/Drafts/chapter-1.md', '/Drafts/chapter-2.md');
    index.apply([deleted('/Drafts/chapter-1.md'), file('/Drafts/prologue.md')]);
    expect(paths(index, 'chapter')).toEqual(['/Drafts/chapter-2.md']);
    expect(paths(index, 'prologue')).toEqual(['/Drafts/prologue.md']);
  });

  test('a folder renamed in one page: its files move with it', () => {
    const index = indexOf('/Book/one.md', '/Book/two.md');
    index.apply([deleted('/Book'), folder('/Novel'), file('/Novel/one.md'), file('/Novel/two.md')]);
    expect(paths(index, 'md').sort()).toEqual(['/Novel/one.md', '/Novel/two.md']);
  });

  test('a folder deleted and made again in one page keeps the files written after', () => {
    const index = indexOf('/Box/old.md');
    index.apply([deleted('/Box'), folder('/Box'), file('/Box/new.md')]);
    expect(paths(index, 'md')).toEqual(['/Box/new.md']);
  });
});

describe('fuzzy ranking', () => {
  const index = indexOf(
    '/Work/Meeting notes.txt',
    '/Archive/2019/meeting-notes-old.txt',
    '/Notes/Magnum Opus.md',
    '/Music/Mozart/Requiem.flac',
    '/Notes/meeting/agenda.md',
    '/Notes/minutes.md',
  );

  test('letters in order anywhere in the path match; others do not', () => {
    expect(paths(index, 'mtgnts')).toEqual([
      '/Work/Meeting notes.txt',
      '/Archive/2019/meeting-notes-old.txt',
    ]);
    expect(paths(index, 'zzz')).toEqual([]);
  });

  test('a run of the query inside the name beats letters scattered or found in the folders', () => {
    expect(paths(index, 'meeting')).toEqual([
      '/Work/Meeting notes.txt',
      '/Archive/2019/meeting-notes-old.txt',
      '/Notes/meeting/agenda.md',
    ]);
  });

  test('the exact name comes first, then names that start with the query', () => {
    expect(paths(index, 'minutes.md')[0]).toBe('/Notes/minutes.md');
    expect(paths(index, 'mag')[0]).toBe('/Notes/Magnum Opus.md');
  });

  test('spaces and casing do not matter', () => {
    expect(paths(index, 'MAGNUM opus')).toEqual(['/Notes/Magnum Opus.md']);
  });

  test('a file opened lately is ranked up and marked, but never above a better name', () => {
    const recent = ['/archive/2019/meeting-notes-old.txt'];
    expect(paths(index, 'meeting', recent).slice(0, 2)).toEqual([
      '/Archive/2019/meeting-notes-old.txt',
      '/Work/Meeting notes.txt',
    ]);
    expect(index.search('meeting', 50, recent)[0]?.recent).toBe(true);
    expect(paths(index, 'agenda', recent)[0]).toBe('/Notes/meeting/agenda.md');
  });

  test('an empty query answers the recent files, newest first, and only those still there', () => {
    expect(paths(index, '', ['/notes/minutes.md', '/gone.txt', '/work/meeting notes.txt'])).toEqual([
      '/Notes/minutes.md',
      '/Work/Meeting notes.txt',
    ]);
  });

  test('answers at most `limit`, the best ones', () => {
    expect(paths(index, 'e', [], 2)).toEqual(paths(index, 'e').slice(0, 2));
    expect(paths(index, 'e', [], 2)).toHaveLength(2);
  });
});
