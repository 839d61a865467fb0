import { expect, test } from 'vitest';
import { menuKeyTarget } from './toolbar-more-keys.ts';

test('arrow keys move through the items and wrap around', () => {
  expect(menuKeyTarget('ArrowDown', 0, 3)).toBe(1);
  expect(menuKeyTarget('ArrowDown', 2, 3)).toBe(0);
  expect(menuKeyTarget('ArrowUp', 0, 3)).toBe(2);
  expect(menuKeyTarget('Home', 2, 3)).toBe(0);
  expect(menuKeyTarget('End', 0, 3)).toBe(2);
});

test('Escape and Tab close the menu; other keys are left to the item', () => {
  expect(menuKeyTarget('Escape', 1, 3)).toBe('close');
  expect(menuKeyTarget('Tab', 1, 3)).toBe('close');
  expect(menuKeyTarget('Enter', 1, 3)).toBeNull();
});

test('with every item disabled the arrows do nothing', () => {
  expect(menuKeyTarget('ArrowDown', -1, 0)).toBeNull();
});
