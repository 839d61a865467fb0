import { expect, test } from 'vitest';
import { changeCount, type MergeHunk, mergeThreeWay, resolveMerge } from './merge.ts';
import { mergedOrigins } from './merge-origins.ts';

// A stretch of 1,000 blank lines: every line pairs with every other, a million pairs, too many for
// merge-align.ts's `affordable`, so the merge takes such a stretch whole instead of diffing inside it.
const blanks = (count = 1_000): string[] => Array.from({ length: count }, () => '');
const edited = (lines: string[], at: number, line: string): string[] => lines.with(at, line);
const doc = (...parts: (string | string[])[]): string => parts.flat().join('\n');

test('each huge repetitive stretch is taken whole from the side that changed it, and marked so', () => {
  // A book of four blank stretches between unique headings; Two is left alone by everyone.
  const book = (title: string, one: string[], three: string[], four: string[], end: string) =>
    doc(title, '# One', one, '# Two', blanks(), '# Three', three, '# Four', four, '# End', end);
  const fixed = edited(blanks(), 500, 'fix');
  const myEdit = edited(blanks(), 10, 'my edit');
  // Both fixed the same line of One; Dropbox trimmed Three to 400 blank lines; the user edited Four.
  const result = mergeThreeWay(
    book('Draft', blanks(), blanks(), blanks(), 'The end'),
    book('Draft 2', fixed, blanks(), myEdit, 'The end'),
    book('Draft', fixed, blanks(400), blanks(), 'The End.'),
  );
  expect(result).toMatchObject({
    kind: 'clean',
    text: book('Draft 2', fixed, blanks(400), myEdit, 'The End.'),
    stats: { conflicts: 0 },
  });
  expect(result.kind === 'clean' && mergedOrigins(result.hunks)).toEqual([
    { origin: 'mine', lines: 1 },
    { origin: 'unchanged', lines: 1 },
    { origin: 'both', lines: 1_000 },
    { origin: 'unchanged', lines: 1 + 1_000 + 1 },
    { origin: 'theirs', lines: 400 },
    { origin: 'unchanged', lines: 1 },
    { origin: 'mine', lines: 1_000 },
    { origin: 'unchanged', lines: 1 },
    { origin: 'theirs', lines: 1 },
  ]);
});

test('a huge stretch both sides changed is one conflict, and the next conflict keeps its line', () => {
  const base = doc('Title', blanks(), '# Two', 'old line', 'end');
  // The user adds two lines inside the blank stretch, so "# Two" is line 1,004 of their text.
  const mine = doc('Title', blanks().toSpliced(10, 0, 'mine 1', 'mine 2'), '# Two', 'my line', 'end');
  const theirs = doc('Title', edited(blanks(), 900, 'theirs'), '# Two', 'their line', 'end');
  const result = mergeThreeWay(base, mine, theirs);
  expect(result).toMatchObject({ kind: 'conflicted', stats: { conflicts: 2 } });
  const hunks = result.hunks.filter(
    (hunk): hunk is Extract<MergeHunk, { kind: 'conflict' }> => hunk.kind === 'conflict',
  );
  expect(hunks.map(({ id, line, mine, theirs }) => ({ id, line, mine, theirs }))).toEqual([
    expect.objectContaining({ id: 0, line: 12 }),
    { id: 1, line: 1_005, mine: 'my line\n', theirs: 'their line\n' },
  ]);
  expect(resolveMerge(result.hunks, { 0: 'mine', 1: 'theirs' })).toBe(
    doc('Title', blanks().toSpliced(10, 0, 'mine 1', 'mine 2'), '# Two', 'their line', 'end'),
  );
});

test('an untouched huge stretch between two changes adds nothing to the change count', () => {
  const base = doc('Title', '# One', blanks(), '# Two', 'end');
  expect(changeCount(base, doc('Title 2', '# One', blanks(), '# Two', 'The end'))).toBe(2);
});
