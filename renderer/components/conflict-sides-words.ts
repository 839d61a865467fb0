import { formatModified } from '../format.ts';
import type { ShortOf } from '../short-revs.ts';
import type { ConflictSides } from '../state/conflict-sides.ts';

/** The two sides' revs, read together so they are told apart however alike their tails. */
export const conflictRevs = (sides: ConflictSides): (string | undefined)[] => [
  sides.baseRev,
  sides.remote?.rev,
];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The conflict dialog's title: Dropbox's copy changed, or is gone. */
export const conflictTitle = (sides: ConflictSides): string =>
  `This file ${sides.remote ? 'changed' : 'was deleted'} on Dropbox while you edited it`;

/** The user's side: how much they changed, from which rev. */
export function yourVersionWords(sides: ConflictSides, shortOf: ShortOf): string {
  const changes = sides.myChanges === null ? 'unsaved changes' : plural(sides.myChanges, 'change');
  return `${changes} since rev ${shortOf(sides.baseRev)}`;
}

/** Dropbox's side: its rev and when it changed, or that it is gone. */
export function dropboxVersionWords(sides: ConflictSides, shortOf: ShortOf, now = new Date()): string {
  return sides.remote
    ? `rev ${shortOf(sides.remote.rev)}, modified ${formatModified(sides.remote.serverModified, now)}`
    : 'deleted or moved on Dropbox';
}
