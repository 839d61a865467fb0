import { expect, test } from 'vitest';
import type { MergeHunk } from '../opus.ts';
import { hunkContexts } from './hunk-context.ts';

const conflict = (id: number, line: number): MergeHunk => ({
  kind: 'conflict',
  id,
  line,
  base: 'old\n',
  mine: 'mine\n',
  theirs: 'theirs\n',
});

test('a conflict shows the three agreed lines before it and after it', () => {
  const hunks: MergeHunk[] = [
    { kind: 'same', text: 'one\ntwo\nthree\nfour\n', origin: 'unchanged' },
    conflict(0, 5),
    { kind: 'same', text: 'six\nseven\neight\nnine\n', origin: 'unchanged' },
  ];
  expect(hunkContexts(hunks).get(0)).toEqual({
    before: ['two', 'three', 'four'],
    after: ['six', 'seven', 'eight'],
  });
});

test('at the start or end of the file, or next to another conflict, there is less context', () => {
  const hunks: MergeHunk[] = [
    conflict(0, 1),
    { kind: 'same', text: 'between\n', origin: 'unchanged' },
    conflict(1, 3),
    conflict(2, 4),
  ];
  const contexts = hunkContexts(hunks);
  expect(contexts.get(0)).toEqual({ before: [], after: ['between'] });
  expect(contexts.get(1)).toEqual({ before: ['between'], after: [] });
  expect(contexts.get(2)).toEqual({ before: [], after: [] });
});

test('context runs across neighbouring stretches, whoever changed them', () => {
  const hunks: MergeHunk[] = [
    { kind: 'same', text: 'one\ntwo (mine)\n', origin: 'mine' },
    { kind: 'same', text: 'three\n', origin: 'unchanged' },
    conflict(0, 4),
    { kind: 'same', text: 'five (theirs)\n', origin: 'theirs' },
    { kind: 'same', text: 'six\nseven\n', origin: 'unchanged' },
  ];
  expect(hunkContexts(hunks).get(0)).toEqual({
    before: ['one', 'two (mine)', 'three'],
    after: ['five (theirs)', 'six', 'seven'],
  });
});

test('an empty last line of the file is context like any other', () => {
  const hunks: MergeHunk[] = [conflict(0, 1), { kind: 'same', text: 'end\n\n', origin: 'unchanged' }];
  expect(hunkContexts(hunks).get(0)?.after).toEqual(['end', '']);
});
