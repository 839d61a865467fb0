import { expect, test } from 'vitest';
import { originMarks } from './merge-origin-marks.ts';

test('each changed run becomes a mark on its lines; unchanged lines are left bare', () => {
  expect(
    originMarks(
      [
        { origin: 'unchanged', lines: 2 },
        { origin: 'theirs', lines: 1 },
        { origin: 'mine', lines: 3 },
        { origin: 'unchanged', lines: 1 },
        { origin: 'both', lines: 1 },
      ],
      8,
    ),
  ).toEqual([
    { origin: 'theirs', startLine: 3, endLine: 3 },
    { origin: 'mine', startLine: 4, endLine: 6 },
    { origin: 'both', startLine: 8, endLine: 8 },
  ]);
});

test('marks never reach past the last line, and empty runs mark nothing', () => {
  expect(
    originMarks(
      [
        { origin: 'mine', lines: 0 },
        { origin: 'theirs', lines: 4 },
        { origin: 'mine', lines: 2 },
      ],
      3,
    ),
  ).toEqual([{ origin: 'theirs', startLine: 1, endLine: 3 }]);
});
