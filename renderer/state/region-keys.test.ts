import { expect, test } from 'vitest';
import { nextRegion } from './region-keys.ts';

test('F6 goes to the next region and round from the last to the first', () => {
  expect(nextRegion(4, 0, false)).toBe(1);
  expect(nextRegion(4, 3, false)).toBe(0);
});

test('Shift+F6 goes back, round from the first to the last', () => {
  expect(nextRegion(4, 2, true)).toBe(1);
  expect(nextRegion(4, 0, true)).toBe(3);
});

test('with the focus in no region, F6 starts at the first and Shift+F6 at the last', () => {
  expect(nextRegion(4, -1, false)).toBe(0);
  expect(nextRegion(4, -1, true)).toBe(3);
});

test('with no region, nothing is chosen', () => {
  expect(nextRegion(0, -1, false)).toBe(-1);
});
