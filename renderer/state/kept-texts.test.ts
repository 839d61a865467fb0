import { describe, expect, test } from 'vitest';
import type { DocumentSnapshot, RestoredDocument } from '../opus.ts';
import { keptKey, pairKept } from './kept-texts.ts';

const restored = (documentId: string, path: string, rev: string, text: string): RestoredDocument => ({
  snapshot: {
    documentId,
    text: 'base',
    remote: { path, pathLower: path.toLowerCase(), rev },
  } as DocumentSnapshot,
  text,
  remoteMoved: false,
});

describe('kept texts meet the journal by file and base rev', () => {
  test('a kept text on the same file and base rev pairs with its restored document', () => {
    const kept = { path: '/Notes/A.txt', baseRev: 'r1', text: 'newer' };
    const { paired, unpaired } = pairKept([restored('d1', '/notes/a.txt', 'r1', 'older')], [kept]);
    expect(paired.get('d1')).toBe(kept);
    expect(unpaired).toEqual([]);
  });

  test('a kept text on another base rev, or of a file not restored, is left unpaired', () => {
    const otherBase = { path: '/a.txt', baseRev: 'r0', text: 'x' };
    const notRestored = { path: '/b.txt', baseRev: 'r1', text: 'y' };
    const { paired, unpaired } = pairKept([restored('d1', '/a.txt', 'r1', 'z')], [otherBase, notRestored]);
    expect(paired.size).toBe(0);
    expect(unpaired).toEqual([otherBase, notRestored]);
  });

  test('the key ignores the case of the path, as Dropbox does', () => {
    expect(keptKey({ path: '/A.txt', baseRev: 'r1' })).toBe(keptKey({ path: '/a.TXT', baseRev: 'r1' }));
  });
});
