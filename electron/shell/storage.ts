import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { Cipher, KeyValueStore } from '../core/auth/token-vault.ts';

/** Settings and the (encrypted) vault entries live in electron-store's JSON file in userData. */
export function electronKeyValueStore(name = 'opus'): KeyValueStore {
  const store = new Store<Record<string, string>>({ name });
  return {
    get: async (key) => store.get(key),
    set: async (key, value) => store.set(key, value),
    delete: async (key) => store.delete(key),
  };
}

/**
 * safeStorage through its async API. On Linux without a keyring Electron falls back to `basic_text`,
 * which is obfuscation, not encryption: then we report "unavailable", and the vault keeps the session
 * in memory only instead of writing a token anyone could read.
 */
export function safeStorageCipher(log: (line: string) => void): Cipher {
  return {
    isAvailable: async () => {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
        log(
          'opus: no system keyring (safeStorage backend basic_text); tokens will not be kept across restarts',
        );
        return false;
      }
      return true;
    },
    encrypt: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    decrypt: async (cipherText) =>
      (await safeStorage.decryptStringAsync(Buffer.from(cipherText, 'base64'))).result,
  };
}
