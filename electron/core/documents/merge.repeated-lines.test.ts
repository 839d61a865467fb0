import { expect, test } from 'vitest';
import { mergeThreeWay, resolveMerge } from './merge.ts';
import { mergedOrigins } from './merge-origins.ts';

// Lines that occur more than once (blank lines, "---", repeated rows) cannot anchor the merge
// (merge-align.ts), so the stretches around them are merged line by line by diff3.
const lines = (...all: string[]) => all.join('\n');

test('edits on either side of repeated lines both land, and the repeated lines stay unchanged', () => {
  const result = mergeThreeWay(
    lines('head', 'a', '---', '---', 'b', 'foot'),
    lines('head', 'A', '---', '---', 'b', 'foot'),
    lines('head', 'a', '---', '---', 'B', 'foot'),
  );
  expect(result).toEqual({
    kind: 'clean',
    text: lines('head', 'A', '---', '---', 'B', 'foot'),
    hunks: [
      { kind: 'same', text: 'head\n', origin: 'unchanged' },
      { kind: 'same', text: 'A\n', origin: 'mine' },
      { kind: 'same', text: '---\n---\n', origin: 'unchanged' },
      { kind: 'same', text: 'B\n', origin: 'theirs' },
      { kind: 'same', text: 'foot\n', origin: 'unchanged' },
    ],
    stats: { mineChanges: 1, theirsChanges: 1, conflicts: 0 },
  });
});

test("a conflict among repeated lines names its line in the user's text, after their edits above", () => {
  // "Chapter" is the one line every version holds once: the merge is cut there into two stretches.
  const base = lines('Title', 'a', '---', '---', 'b', 'Chapter', '---', '---', 'c', '---', '---', 'd');
  const mine = lines(
    'Title',
    'A',
    'A too',
    '---',
    '---',
    'b',
    'Chapter',
    '---',
    '---',
    'mine',
    '---',
    '---',
    'd',
  );
  const theirs = lines('Title', 'a', '---', '---', 'B', 'Chapter', '---', '---', 'theirs', '---', '---', 'd');
  const result = mergeThreeWay(base, mine, theirs);
  expect(result.hunks).toContainEqual({
    kind: 'conflict',
    id: 0,
    line: 10,
    base: 'c\n',
    mine: 'mine\n',
    theirs: 'theirs\n',
  });
  expect(mine.split('\n')[10 - 1]).toBe('mine');
  expect(resolveMerge(result.hunks, { 0: 'theirs' })).toBe(
    lines('Title', 'A', 'A too', '---', '---', 'B', 'Chapter', '---', '---', 'theirs', '---', '---', 'd'),
  );
  expect(mergedOrigins(result.hunks, { 0: 'theirs' })).toEqual([
    { origin: 'unchanged', lines: 1 },
    { origin: 'mine', lines: 2 },
    { origin: 'unchanged', lines: 2 },
    { origin: 'theirs', lines: 1 },
    { origin: 'unchanged', lines: 3 },
    { origin: 'theirs', lines: 1 },
    { origin: 'unchanged', lines: 3 },
  ]);
});
