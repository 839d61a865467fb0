import { expect, test } from 'vitest';
import { selectionAfterKey } from './listbox-keys.ts';

test('the arrows move the selection one row and stop at either end', () => {
  expect(selectionAfterKey('ArrowDown', 2, 5)).toBe(3);
  expect(selectionAfterKey('ArrowUp', 2, 5)).toBe(1);
  expect(selectionAfterKey('ArrowDown', 4, 5)).toBe(4);
  expect(selectionAfterKey('ArrowUp', 0, 5)).toBe(0);
});

test('Home and End jump to the first and the last row', () => {
  expect(selectionAfterKey('Home', 3, 5)).toBe(0);
  expect(selectionAfterKey('End', 1, 5)).toBe(4);
});

test('in the file list PageDown and PageUp move a page of rows, never past either end', () => {
  expect(selectionAfterKey('PageDown', 2, 40, 10)).toBe(12);
  expect(selectionAfterKey('PageUp', 12, 40, 10)).toBe(2);
  expect(selectionAfterKey('PageDown', 35, 40, 10)).toBe(39);
  expect(selectionAfterKey('PageUp', 4, 40, 10)).toBe(0);
});

test('a list without pages (the revisions) leaves PageDown and PageUp alone', () => {
  expect(selectionAfterKey('PageDown', 2, 40)).toBeUndefined();
  expect(selectionAfterKey('PageUp', 2, 40)).toBeUndefined();
});

test('other keys (Enter, letters) do not move the selection', () => {
  expect(selectionAfterKey('Enter', 2, 5, 10)).toBeUndefined();
  expect(selectionAfterKey('a', 2, 5, 10)).toBeUndefined();
});

test('in an empty folder the moving keys are taken but select nothing', () => {
  for (const key of ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown']) {
    expect(selectionAfterKey(key, 0, 0, 10)).toBeNull();
  }
});
