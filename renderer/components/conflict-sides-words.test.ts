import { expect, test } from 'vitest';
import { formatModified } from '../format.ts';
import type { RemoteFile } from '../opus.ts';
import { shortRevs } from '../short-revs.ts';
import type { ConflictSides } from '../state/conflict-sides.ts';
import {
  conflictRevs,
  conflictTitle,
  dropboxVersionWords,
  yourVersionWords,
} from './conflict-sides-words.ts';

const now = new Date('2024-05-17T12:00:00Z');
const remote = { rev: '015f9a3bc00000000abcdef12', serverModified: '2024-05-17T09:30:00Z' } as RemoteFile;
const sides = (over: Partial<ConflictSides> = {}): ConflictSides => ({
  documentId: 'd1',
  path: '/magnum-opus.txt',
  baseRev: '015f9a3bc0000000012345678',
  remote,
  remoteText: 'theirs\n',
  myChanges: 3,
  ...over,
});

// The two sides' revs share their first 17 characters: each reads by what follows.
const shortOf = shortRevs(conflictRevs(sides()));

test('the title says whether the file changed or was deleted on Dropbox', () => {
  expect(conflictTitle(sides())).toBe('This file changed on Dropbox while you edited it');
  expect(conflictTitle(sides({ remote: null }))).toBe('This file was deleted on Dropbox while you edited it');
});

test('your side counts your changes since the rev your text is based on', () => {
  expect(yourVersionWords(sides(), shortOf)).toBe('3 changes since rev 2345678');
  expect(yourVersionWords(sides({ myChanges: 1 }), shortOf)).toBe('1 change since rev 2345678');
});

test('from the banner, where the changes are not counted, your side says unsaved changes', () => {
  expect(yourVersionWords(sides({ myChanges: null }), shortOf)).toBe('unsaved changes since rev 2345678');
});

test("Dropbox's side names its rev and when it changed, or that it is gone", () => {
  expect(dropboxVersionWords(sides(), shortOf, now)).toBe(
    `rev bcdef12, modified ${formatModified(remote.serverModified, now)}`,
  );
  expect(dropboxVersionWords(sides({ remote: null }), shortOf, now)).toBe('deleted or moved on Dropbox');
});
