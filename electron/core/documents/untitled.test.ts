import { expect, test } from 'vitest';
import { OpusError } from '../errors.ts';
import type { OpenDocument } from './open-document.ts';
import { isUntitled, requireFile, untitledName, untitledRemote } from './untitled.ts';

const docOf = (name: string, rev = ''): OpenDocument =>
  ({ id: name, remote: { ...untitledRemote(name), rev } }) as OpenDocument;

test('the first new document is Untitled-1, the next the lowest number no open one has', () => {
  expect(untitledName([])).toBe('Untitled-1');
  expect(untitledName([docOf('Untitled-1'), docOf('Untitled-3')])).toBe('Untitled-2');
});

test('a saved file named like an untitled one does not take its number', () => {
  expect(untitledName([docOf('Untitled-1', '015f0a3b2c1')])).toBe('Untitled-1');
});

test('an untitled document has no path and no rev, and a plain save of it is refused', () => {
  const remote = untitledRemote('Untitled-1');
  expect(isUntitled(remote)).toBe(true);
  expect(remote.path).toBe('');
  expect(() => requireFile(docOf('Untitled-1'))).toThrow(OpusError);
  expect(() => requireFile(docOf('notes.txt', '015f0a3b2c1'))).not.toThrow();
});
