import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Cipher } from './token-vault.ts';

/**
 * AES-256-GCM: a fresh 12-byte IV per value, the tag stored beside it (iv | tag | body, base64).
 * The browser host keeps its key in a private file; tests use a fixed key in place of safeStorage.
 */
export function aesGcmCipher(
  key: () => Promise<Buffer> | Buffer,
  available: () => Promise<boolean> | boolean = () => true,
): Cipher {
  return {
    isAvailable: async () => (await available()) && (await key()).length === 32,
    encrypt: async (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await key(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt: async (cipherText) => {
      const raw = Buffer.from(cipherText, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', await key(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
