import { describe, expect, test } from 'vitest';
import type { ConflictedCopy } from '../opus.ts';
import { copiesNotice, copyLabel } from './conflicted-copy-words.ts';

const copy = (who: string | null, date: string | null): ConflictedCopy => ({
  file: {
    name: 'magnum-opus (copy).txt',
    path: '/magnum-opus (copy).txt',
    pathLower: '/magnum-opus (copy).txt',
    id: 'id:c',
    rev: '0123456789',
    size: 1,
    contentHash: 'h',
    serverModified: '2026-11-30T10:00:00Z',
    clientModified: '2026-11-30T10:00:00Z',
  },
  who,
  date,
});

describe('the words for conflicted copies', () => {
  test('one copy names the device and the day its name gives', () => {
    expect(copiesNotice('magnum-opus.txt', [copy('Work laptop', '2026-11-30')])).toBe(
      'Dropbox made a conflicted copy of magnum-opus.txt on Work laptop (2026-11-30)',
    );
    expect(copiesNotice('magnum-opus.txt', [copy(null, null)])).toBe(
      'Dropbox made a conflicted copy of magnum-opus.txt',
    );
  });

  test('several copies are counted, and none says nothing', () => {
    expect(copiesNotice('a.txt', [copy('A', null), copy('B', null)])).toBe(
      'Dropbox made 2 conflicted copies of a.txt',
    );
    expect(copiesNotice('a.txt', [])).toBeNull();
  });

  test('a copy in the list is named by who and when, else by its file name', () => {
    expect(copyLabel(copy('Work laptop', '2026-11-30'))).toBe('The copy on Work laptop (2026-11-30)');
    expect(copyLabel(copy(null, null))).toBe('magnum-opus (copy).txt');
  });
});
