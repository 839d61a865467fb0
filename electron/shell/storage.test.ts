import { expect, test } from 'vitest';
import { safeStorageCipher } from './storage.ts';
import { FakeSafeStorage } from './test-support/fake-electron.ts';

function cipherOn(platform: NodeJS.Platform, backend: FakeSafeStorage['backend']) {
  const safeStorage = new FakeSafeStorage(() => {});
  safeStorage.backend = backend;
  const lines: string[] = [];
  return { cipher: safeStorageCipher(safeStorage, (line) => lines.push(line), platform), lines };
}

test('on Linux without a keyring (basic_text) the token is not kept, and the log says why', async () => {
  const { cipher, lines } = cipherOn('linux', 'basic_text');
  expect(await cipher.isAvailable()).toBe(false);
  expect(lines).toEqual([
    'opus: no system keyring (safeStorage backend basic_text); tokens will not be kept across restarts',
  ]);
});

test('with a keyring the token is sealed by it, and opens again', async () => {
  const { cipher, lines } = cipherOn('linux', 'gnome_libsecret');
  expect(await cipher.isAvailable()).toBe(true);
  const sealed = await cipher.encrypt('refresh-token');
  expect(sealed).not.toContain('refresh-token');
  expect(await cipher.decrypt(sealed)).toBe('refresh-token');
  expect(lines).toEqual([]);
});

test('basic_text is a Linux backend name only: elsewhere the OS store is used', async () => {
  expect(await cipherOn('darwin', 'basic_text').cipher.isAvailable()).toBe(true);
});

test('no encryption at all: nothing is kept', async () => {
  const safeStorage = new FakeSafeStorage(() => {});
  safeStorage.available = false;
  expect(await safeStorageCipher(safeStorage, () => {}, 'win32').isAvailable()).toBe(false);
});
