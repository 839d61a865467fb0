import type { Cipher } from '../core/auth/token-vault.ts';
import type { ShellSafeStorage } from './shell-electron.ts';

/**
 * safeStorage through its async API. On Linux without a keyring Electron falls back to `basic_text`,
 * which is obfuscation, not encryption: then we report "unavailable", and the vault keeps the session
 * in memory only instead of writing a token anyone could read.
 */
export function safeStorageCipher(
  safeStorage: ShellSafeStorage,
  log: (line: string) => void,
  platform: NodeJS.Platform = process.platform,
): Cipher {
  return {
    isAvailable: async () => {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
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
