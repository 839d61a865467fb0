import { expect, test } from 'vitest';
import { wrapTarget } from './focus-wrap.ts';

test('Tab on the last control goes round to the first, Shift+Tab on the first to the last', () => {
  expect(wrapTarget(3, 2, false)).toBe(0);
  expect(wrapTarget(3, 0, true)).toBe(2);
});

test('inside the dialog the browser moves the focus as usual', () => {
  expect(wrapTarget(3, 0, false)).toBeNull();
  expect(wrapTarget(3, 2, true)).toBeNull();
  expect(wrapTarget(3, 1, false)).toBeNull();
});

test('with the focus on nothing inside, Tab takes the first control and Shift+Tab the last', () => {
  expect(wrapTarget(3, -1, false)).toBe(0);
  expect(wrapTarget(3, -1, true)).toBe(2);
});

test('a dialog without controls leaves the key alone', () => {
  expect(wrapTarget(0, -1, false)).toBeNull();
});
