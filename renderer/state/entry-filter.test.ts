import { describe, expect, test } from 'vitest';
import { filterEntries, typedPath } from './entry-filter.ts';

const entries = [{ name: 'Notes' }, { name: 'meeting notes.txt' }, { name: 'budget.xlsx' }];

describe('filterEntries', () => {
  test('nothing typed keeps every row', () => {
    expect(filterEntries(entries, '  ')).toEqual(entries);
  });

  test('a row stays when its name holds every word typed, in any case', () => {
    expect(filterEntries(entries, 'NOTES')).toEqual([{ name: 'Notes' }, { name: 'meeting notes.txt' }]);
    expect(filterEntries(entries, 'txt meet')).toEqual([{ name: 'meeting notes.txt' }]);
    expect(filterEntries(entries, 'zebra')).toEqual([]);
  });
});

describe('typedPath', () => {
  test('a path is spelled as Dropbox does: a leading slash and no trailing one', () => {
    expect(typedPath(' /a/b/file.txt ')).toBe('/a/b/file.txt');
    expect(typedPath('a//b/')).toBe('/a/b');
  });

  test('the root is the empty path', () => {
    expect(typedPath('/')).toBe('');
    expect(typedPath('')).toBe('');
  });

  test('a dot or dot-dot part is not a path Dropbox resolves', () => {
    expect(typedPath('/a/../b')).toBeNull();
    expect(typedPath('./a')).toBeNull();
  });
});
