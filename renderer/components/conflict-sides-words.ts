import { formatModified, shortRevs } from '../format.ts';
import type { ConflictSides } from '../state/conflict-sides.ts';

/** How the two sides' revs read: told apart, however alike their tails. */
export const conflictShortRev = (sides: ConflictSides): ((rev: string) => string) =>
  shortRevs([sides.baseRev, sides.remote?.rev]);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The conflict dialog's title: Dropbox's copy changed, or is gone. */
export const conflictTitle = (sides: ConflictSides): string =>
  `This file ${sides.remote ? 'changed' : 'was deleted'} on Dropbox while you edited it`;

/** The user's side: how much they changed, from which rev. */
export function yourVersionWords(sides: ConflictSides): string {
  const changes = sides.myChanges === null ? 'unsaved changes' : plural(sides.myChanges, 'change');
  return `${changes} since rev ${conflictShortRev(sides)(sides.baseRev)}`;
}

/** Dropbox's side: its rev and when it changed, or that it is gone. */
export function dropboxVersionWords(sides: ConflictSides, now = new Date()): string {
  return sides.remote
    ? `rev ${conflictShortRev(sides)(sides.remote.rev)}, modified ${formatModified(sides.remote.serverModified, now)}`
    : 'deleted or moved on Dropbox';
}
