import { expect, test } from 'vitest';
import type { MergeHunk } from './merge.ts';
import { mergeThreeWay, resolveMerge } from './merge.ts';
import { mergedOrigins } from './merge-origins.ts';

const hunks: MergeHunk[] = [
  { kind: 'same', text: 'Chapter one\n', origin: 'unchanged' },
  { kind: 'same', text: 'their line\n', origin: 'theirs' },
  { kind: 'conflict', id: 0, line: 2, base: 'old\n', mine: 'mine\nmine too\n', theirs: 'theirs\n' },
  { kind: 'same', text: 'agreed\n', origin: 'both' },
  { kind: 'same', text: 'The end\n', origin: 'unchanged' },
];

test('a chosen side marks its lines, and runs of one origin join', () => {
  expect(mergedOrigins(hunks, { 0: 'theirs' })).toEqual([
    { origin: 'unchanged', lines: 1 },
    { origin: 'theirs', lines: 2 },
    { origin: 'both', lines: 1 },
    { origin: 'unchanged', lines: 1 },
  ]);
  expect(mergedOrigins(hunks, { 0: 'mine' })).toEqual([
    { origin: 'unchanged', lines: 1 },
    { origin: 'theirs', lines: 1 },
    { origin: 'mine', lines: 2 },
    { origin: 'both', lines: 1 },
    { origin: 'unchanged', lines: 1 },
  ]);
});

test('"both" marks mine, then theirs; a hand-written answer is the user\'s own', () => {
  expect(mergedOrigins(hunks, { 0: 'both' }).map((span) => span.origin)).toEqual([
    'unchanged',
    'theirs',
    'mine',
    'theirs',
    'both',
    'unchanged',
  ]);
  expect(mergedOrigins(hunks, { 0: { custom: 'by hand' } })[2]).toEqual({ origin: 'mine', lines: 1 });
});

test('a removed side leaves no empty run', () => {
  const removed: MergeHunk[] = [
    { kind: 'same', text: 'a\n', origin: 'unchanged' },
    { kind: 'conflict', id: 0, line: 2, base: 'b\n', mine: '', theirs: 'B\n' },
    { kind: 'same', text: 'c\n', origin: 'unchanged' },
  ];
  expect(mergedOrigins(removed, { 0: 'mine' })).toEqual([{ origin: 'unchanged', lines: 2 }]);
});

test('the runs cover every line of the merged text', () => {
  const merged = resolveMerge(hunks, { 0: 'both' });
  const total = mergedOrigins(hunks, { 0: 'both' }).reduce((sum, span) => sum + span.lines, 0);
  expect(total).toBe(merged.split('\n').length);
});

test('a clean merge marks the lines each side changed, even when one side changed nothing', () => {
  const clean = mergeThreeWay('a\nb\nc', 'a\nb\nc', 'a\nB\nc');
  if (clean.kind !== 'clean') throw new Error('expected a clean merge');
  expect(mergedOrigins(clean.hunks)).toEqual([
    { origin: 'unchanged', lines: 1 },
    { origin: 'theirs', lines: 1 },
    { origin: 'unchanged', lines: 1 },
  ]);
  const same = mergeThreeWay('a\nb', 'a\nx', 'a\nx');
  if (same.kind !== 'clean') throw new Error('expected a clean merge');
  expect(mergedOrigins(same.hunks)).toEqual([
    { origin: 'unchanged', lines: 1 },
    { origin: 'both', lines: 1 },
  ]);
});
