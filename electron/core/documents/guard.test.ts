import { expect, test } from 'vitest';
import { textOf } from '../text/text-edits.ts';
import { checkSave } from './guard.ts';

const long = 'A line of a long manuscript that a person would hate to lose.\n'.repeat(20);

test('asks before an empty buffer replaces a file with text', () => {
  expect(checkSave(long, '')).toEqual({ ok: false, reason: 'empty', removedRatio: 1 });
  expect(checkSave('short note\n', '  \n')).toMatchObject({ ok: false, reason: 'empty' });
});

test('asks before a save removes most of a file', () => {
  const verdict = checkSave(long, long.slice(0, long.length / 4));
  expect(verdict).toMatchObject({ ok: false, reason: 'most_removed' });
  expect(verdict.ok ? 0 : verdict.removedRatio).toBeCloseTo(0.75, 2);
});

test('lets ordinary edits, growth and small files through', () => {
  expect(checkSave(long, long.slice(0, long.length / 2))).toEqual({ ok: true });
  expect(checkSave(long, `${long}more\n`)).toEqual({ ok: true });
  expect(checkSave('tiny', 't')).toEqual({ ok: true });
  expect(checkSave('', '')).toEqual({ ok: true });
});

test("judges main's trees of lines as it judges strings", () => {
  const tree = (text: string) => textOf(text);
  expect(checkSave(tree(long), tree('\n  \n'))).toEqual({ ok: false, reason: 'empty', removedRatio: 1 });
  expect(checkSave(tree('\n\n'), tree(''))).toEqual({ ok: true });
  expect(checkSave(tree(long), tree(long.slice(0, long.length / 4)))).toMatchObject({
    reason: 'most_removed',
  });
  expect(checkSave(tree(long), tree(`${long}x`))).toEqual({ ok: true });
});
