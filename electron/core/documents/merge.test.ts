import { describe, expect, test } from 'vitest';
import { isOpusError } from '../errors.ts';
import { changeCount, type MergeHunk, type MergeResult, mergeThreeWay, resolveMerge } from './merge.ts';

const lines = (...all: string[]) => all.join('\n');

function conflicted(result: MergeResult): MergeHunk[] {
  if (result.kind !== 'conflicted') throw new Error(`expected a conflict, got ${JSON.stringify(result)}`);
  return result.hunks;
}

describe('clean merges', () => {
  test('changes to different parts of the file both land', () => {
    const base = lines('title', 'one', 'two', 'three', 'four', 'end');
    const mine = lines('Title', 'one', 'two', 'three', 'four', 'end');
    const theirs = lines('title', 'one', 'two', 'three', 'four', 'the end');
    expect(mergeThreeWay(base, mine, theirs)).toEqual({
      kind: 'clean',
      text: lines('Title', 'one', 'two', 'three', 'four', 'the end'),
      hunks: [
        { kind: 'same', text: 'Title\n', origin: 'mine' },
        { kind: 'same', text: 'one\ntwo\nthree\nfour\n', origin: 'unchanged' },
        { kind: 'same', text: 'the end\n', origin: 'theirs' },
      ],
      stats: { mineChanges: 1, theirsChanges: 1, conflicts: 0 },
    });
  });

  test('the same change made on both sides is not a conflict', () => {
    const base = lines('a', 'b', 'c', 'd');
    const mine = lines('a', 'B', 'c', 'd', 'mine');
    const theirs = lines('a', 'B', 'c', 'd');
    expect(mergeThreeWay(base, mine, theirs)).toMatchObject({
      kind: 'clean',
      text: lines('a', 'B', 'c', 'd', 'mine'),
    });
  });

  test('both sides identical, or one side unchanged, gives that text exactly', () => {
    expect(mergeThreeWay('a\nb', 'a\nx\n', 'a\nx\n')).toMatchObject({ kind: 'clean', text: 'a\nx\n' });
    expect(mergeThreeWay('a\nb', 'a\nb', 'z')).toMatchObject({ kind: 'clean', text: 'z' });
    expect(mergeThreeWay('a\nb', 'z', 'a\nb')).toMatchObject({ kind: 'clean', text: 'z' });
  });

  test('adding a trailing newline on one side merges with an edit on the other', () => {
    expect(mergeThreeWay('a\nb\nc', 'a\nb\nc\n', 'A\nb\nc')).toMatchObject({
      kind: 'clean',
      text: 'A\nb\nc\n',
    });
    expect(mergeThreeWay('a\nb\nc\n', 'a\nb\nc', 'A\nb\nc\n')).toMatchObject({
      kind: 'clean',
      text: 'A\nb\nc',
    });
  });

  test('a deletion merges with an edit elsewhere', () => {
    expect(
      mergeThreeWay(
        lines('a', 'b', 'c', 'd', 'e'),
        lines('a', 'c', 'd', 'e'),
        lines('a', 'b', 'c', 'd', 'E'),
      ),
    ).toMatchObject({
      kind: 'clean',
      text: lines('a', 'c', 'd', 'E'),
    });
  });
});

describe('conflicts are never merged silently', () => {
  test('different edits of the same line', () => {
    const hunks = conflicted(
      mergeThreeWay(lines('a', 'b', 'c'), lines('a', 'mine', 'c'), lines('a', 'theirs', 'c')),
    );
    expect(hunks).toEqual([
      { kind: 'same', text: 'a\n', origin: 'unchanged' },
      { kind: 'conflict', id: 0, line: 2, base: 'b\n', mine: 'mine\n', theirs: 'theirs\n' },
      { kind: 'same', text: 'c\n', origin: 'unchanged' },
    ]);
    expect(resolveMerge(hunks, { 0: 'mine' })).toBe(lines('a', 'mine', 'c'));
    expect(resolveMerge(hunks, { 0: 'theirs' })).toBe(lines('a', 'theirs', 'c'));
    expect(resolveMerge(hunks, { 0: 'both' })).toBe(lines('a', 'mine', 'theirs', 'c'));
    expect(resolveMerge(hunks, { 0: { custom: 'written by hand' } })).toBe(
      lines('a', 'written by hand', 'c'),
    );
    expect(resolveMerge(hunks, { 0: { custom: '' } })).toBe(lines('a', 'c'));
  });

  test('edits of two adjacent lines conflict, as in GNU diff3 and git: their base ranges touch', () => {
    const result = mergeThreeWay(
      lines('a', 'b', 'c', 'd'),
      lines('a', 'B', 'c', 'd'),
      lines('a', 'b', 'C', 'd'),
    );
    expect(conflicted(result)).toContainEqual({
      kind: 'conflict',
      id: 0,
      line: 2,
      base: 'b\nc\n',
      mine: 'B\nc\n',
      theirs: 'b\nC\n',
    });
    // One untouched line between the edits is enough to keep them apart.
    expect(
      mergeThreeWay(lines('a', 'b', 'c', 'd'), lines('A', 'b', 'c', 'd'), lines('a', 'b', 'C', 'd')),
    ).toMatchObject({
      kind: 'clean',
      text: lines('A', 'b', 'C', 'd'),
    });
  });

  test('deleting a line the other side edited', () => {
    const hunks = conflicted(mergeThreeWay(lines('a', 'b', 'c'), lines('a', 'c'), lines('a', 'B', 'c')));
    expect(hunks[1]).toEqual({ kind: 'conflict', id: 0, line: 2, base: 'b\n', mine: '', theirs: 'B\n' });
    expect(resolveMerge(hunks, { 0: 'mine' })).toBe(lines('a', 'c'));
    expect(resolveMerge(hunks, { 0: 'theirs' })).toBe(lines('a', 'B', 'c'));
  });

  test('both sides appending different lines at the end', () => {
    const hunks = conflicted(mergeThreeWay('a', 'a\nmine', 'a\ntheirs'));
    expect(hunks).toEqual([
      { kind: 'same', text: 'a\n', origin: 'unchanged' },
      { kind: 'conflict', id: 0, line: 2, base: '', mine: 'mine\n', theirs: 'theirs\n' },
    ]);
    expect(resolveMerge(hunks, { 0: 'both' })).toBe('a\nmine\ntheirs');
  });

  test("a conflict names its line in the user's version, whatever Dropbox added or removed before it", () => {
    const base = lines('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    const mine = lines('a', 'c', 'd', 'e', 'f', 'mine', 'h');
    const theirs = lines('new 1', 'new 2', 'new 3', 'a', 'b', 'c', 'd', 'e', 'f', 'theirs', 'h');
    const [conflict] = conflicted(mergeThreeWay(base, mine, theirs)).filter(
      (hunk) => hunk.kind === 'conflict',
    );
    expect(conflict).toMatchObject({ line: 6, mine: 'mine\n', theirs: 'theirs\n' });
  });

  test('lines that merge by themselves say whose change they are', () => {
    const hunks = conflicted(
      mergeThreeWay(
        lines('a', 'b', 'c', 'd', 'e'),
        lines('A', 'b', 'mine', 'd', 'e'),
        lines('a', 'b', 'theirs', 'd', 'E'),
      ),
    );
    expect(hunks.map((hunk) => (hunk.kind === 'same' ? [hunk.origin, hunk.text] : ['conflict']))).toEqual([
      ['mine', 'A\n'],
      ['unchanged', 'b\n'],
      ['conflict'],
      ['unchanged', 'd\n'],
      ['theirs', 'E\n'],
    ]);
  });

  test('one side removing the trailing newline while the other appends a line', () => {
    const hunks = conflicted(mergeThreeWay('a\nb\n', 'a\nb', 'a\nb\nc\n'));
    expect(resolveMerge(hunks, { 0: 'mine' })).toBe('a\nb');
    expect(resolveMerge(hunks, { 0: 'theirs' })).toBe('a\nb\nc\n');
  });

  test('an empty base: both sides created the file', () => {
    expect(mergeThreeWay('', 'same text\n', 'same text\n')).toMatchObject({
      kind: 'clean',
      text: 'same text\n',
    });
    const hunks = conflicted(mergeThreeWay('', 'mine\nmore', 'theirs'));
    expect(hunks).toEqual([
      { kind: 'conflict', id: 0, line: 1, base: '\n', mine: 'mine\nmore\n', theirs: 'theirs\n' },
    ]);
    expect(resolveMerge(hunks, { 0: 'both' })).toBe('mine\nmore\ntheirs');
  });

  test('several conflicts get their own ids, and each must be resolved', () => {
    const base = lines('1', 'a', '2', '3', 'b', '4');
    const result = mergeThreeWay(
      base,
      lines('1', 'A', '2', '3', 'B', '4'),
      lines('1', 'α', '2', '3', 'β', '4'),
    );
    const hunks = conflicted(result);
    expect(result.stats).toEqual({ mineChanges: 2, theirsChanges: 2, conflicts: 2 });
    expect(hunks.filter((hunk) => hunk.kind === 'conflict').map((hunk) => hunk.id)).toEqual([0, 1]);
    expect(resolveMerge(hunks, { 0: 'mine', 1: 'theirs' })).toBe(lines('1', 'A', '2', '3', 'β', '4'));
    let refusal: unknown;
    try {
      resolveMerge(hunks, { 0: 'mine' });
    } catch (error) {
      refusal = error;
    }
    expect(isOpusError(refusal, 'invalid_request')).toBe(true);
    expect(refusal).toMatchObject({ message: 'Conflict 2 has not been resolved yet.' });
  });

  test('a hand-written answer gets one final newline, never a second, even when it starts with one', () => {
    const hunks = conflicted(
      mergeThreeWay(lines('a', 'b', 'c'), lines('a', 'mine', 'c'), lines('a', 'theirs', 'c')),
    );
    expect(resolveMerge(hunks, { 0: { custom: 'typed\n' } })).toBe(lines('a', 'typed', 'c'));
    expect(resolveMerge(hunks, { 0: { custom: '\ntyped' } })).toBe(lines('a', '', 'typed', 'c'));
  });
});

describe('changeCount', () => {
  test('counts stretches of changed lines, not lines', () => {
    expect(changeCount('a\nb\nc', 'a\nb\nc')).toBe(0);
    expect(changeCount('a\nb\nc\nd\ne', 'A\nB\nc\nd\nE')).toBe(2);
    expect(changeCount('a\nb', 'a\nb\n')).toBe(1);
    expect(changeCount('', 'new file')).toBe(1);
    expect(changeCount('a\nb\nc', 'a\nc')).toBe(1);
  });

  test('stays fast on a long manuscript with blank lines between paragraphs', () => {
    const base = Array.from({ length: 30_000 }, (_, index) =>
      index % 2 ? '' : `Paragraph ${index} of the manuscript.`,
    );
    const mine = [...base];
    mine[10] = 'changed';
    mine[20_000] = 'changed too';
    const theirs = [...base, 'appended'];
    theirs[5_000] = 'theirs changed';
    const started = performance.now();
    expect(changeCount(base.join('\n'), mine.join('\n'))).toBe(2);
    const merged = mergeThreeWay(base.join('\n'), mine.join('\n'), theirs.join('\n'));
    expect(merged).toMatchObject({
      kind: 'clean',
      stats: { mineChanges: 2, theirsChanges: 2, conflicts: 0 },
    });
    const expected = [...mine, 'appended'];
    expected[5_000] = 'theirs changed';
    expect(merged.kind === 'clean' && merged.text).toBe(expected.join('\n'));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test('a huge repetitive stretch changed on both sides is one conflict found quickly, not a hang', () => {
    const base = Array.from({ length: 20_000 }, (_, index) => `row ${index % 5}`);
    const mine = [...base];
    mine[10] = 'mine';
    const theirs = [...base];
    theirs[15_000] = 'theirs';
    const started = performance.now();
    const result = mergeThreeWay(base.join('\n'), mine.join('\n'), theirs.join('\n'));
    expect(result).toMatchObject({ kind: 'conflicted', stats: { conflicts: 1 } });
    const hunks = conflicted(result);
    expect(resolveMerge(hunks, { 0: 'mine' })).toBe(mine.join('\n'));
    expect(resolveMerge(hunks, { 0: 'theirs' })).toBe(theirs.join('\n'));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
