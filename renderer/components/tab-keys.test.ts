import { expect, test } from 'vitest';
import { tabKeyAction } from './tab-keys.ts';

const tabs = ['notes', 'draft', 'todo'];

test('the right and left arrows show the next and the previous tab', () => {
  expect(tabKeyAction(tabs, 'notes', 'ArrowRight')).toEqual({ kind: 'activate', documentId: 'draft' });
  expect(tabKeyAction(tabs, 'todo', 'ArrowLeft')).toEqual({ kind: 'activate', documentId: 'draft' });
});

test('the arrows go round: past the last tab is the first, before the first the last', () => {
  expect(tabKeyAction(tabs, 'todo', 'ArrowRight')).toEqual({ kind: 'activate', documentId: 'notes' });
  expect(tabKeyAction(tabs, 'notes', 'ArrowLeft')).toEqual({ kind: 'activate', documentId: 'todo' });
});

test('Home and End show the first and the last tab', () => {
  expect(tabKeyAction(tabs, 'draft', 'Home')).toEqual({ kind: 'activate', documentId: 'notes' });
  expect(tabKeyAction(tabs, 'draft', 'End')).toEqual({ kind: 'activate', documentId: 'todo' });
});

test('Delete closes the focused tab', () => {
  expect(tabKeyAction(tabs, 'draft', 'Delete')).toEqual({ kind: 'close' });
});

test('a single tab stays where it is, and other keys do nothing', () => {
  expect(tabKeyAction(['notes'], 'notes', 'ArrowRight')).toEqual({ kind: 'activate', documentId: 'notes' });
  expect(tabKeyAction(tabs, 'draft', 'Enter')).toBeNull();
  expect(tabKeyAction(tabs, 'draft', 'ArrowDown')).toBeNull();
});
