import { expect, test } from 'vitest';
import type { MergeHunk } from '../opus.ts';
import { everyConflictChosen, withChoice } from './merge-choices.ts';

const hunks: MergeHunk[] = [
  { kind: 'same', text: 'Chapter one\n', origin: 'unchanged' },
  { kind: 'conflict', id: 1, line: 2, base: 'old\n', mine: 'mine\n', theirs: 'theirs\n' },
  { kind: 'same', text: 'Chapter two\n', origin: 'unchanged' },
  { kind: 'conflict', id: 2, line: 4, base: 'b\n', mine: 'm\n', theirs: 't\n' },
];

test('Review merge waits until every overlapping change has a choice', () => {
  expect(everyConflictChosen(hunks, {})).toBe(false);
  expect(everyConflictChosen(hunks, { 1: 'mine' })).toBe(false);
  expect(everyConflictChosen(hunks, { 1: 'mine', 2: 'both' })).toBe(true);
});

test('a merge with nothing overlapping can be reviewed at once', () => {
  expect(everyConflictChosen([{ kind: 'same', text: 'all agreed\n', origin: 'unchanged' }], {})).toBe(true);
});

test('choosing again for a change replaces the earlier choice and keeps the others', () => {
  const first = withChoice({}, 1, 'mine');
  const both = withChoice(first, 2, 'theirs');
  expect(withChoice(both, 1, 'both')).toEqual({ 1: 'both', 2: 'theirs' });
  // The earlier choices are not changed in place: the dialog's state moves on to a new object.
  expect(first).toEqual({ 1: 'mine' });
});
