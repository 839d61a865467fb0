import { expect, test } from 'vitest';
import { appKeySaved, typedAppKey } from './app-key.ts';

test('an app key of lowercase letters and digits is accepted, spaces around it dropped', () => {
  expect(typedAppKey('  abc123xyz9  ')).toEqual({ key: 'abc123xyz9', valid: true });
});

test('an empty field is accepted: it means the localbox on this computer', () => {
  expect(typedAppKey('')).toEqual({ key: '', valid: true });
  expect(typedAppKey('   ')).toEqual({ key: '', valid: true });
});

test('capitals, punctuation, or a key too short or too long are refused', () => {
  expect(typedAppKey('ABC123xyz').valid).toBe(false);
  expect(typedAppKey('abc-123').valid).toBe(false);
  expect(typedAppKey('abcd').valid).toBe(false);
  expect(typedAppKey('a'.repeat(41)).valid).toBe(false);
  expect(typedAppKey('a'.repeat(40)).valid).toBe(true);
});

test('a saved key says which files Opus uses from its next start', () => {
  expect(appKeySaved('abc123xyz9', true)).toBe('Saved. Opus uses your Dropbox from its next start.');
  expect(appKeySaved('', true)).toBe('Saved. Opus uses the localbox on this computer from its next start.');
});

test('saving the key already in use just says Saved', () => {
  expect(appKeySaved('abc123xyz9', false)).toBe('Saved.');
});
