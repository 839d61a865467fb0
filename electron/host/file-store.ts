import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { aesGcmCipher } from '../core/auth/aes-gcm-cipher.ts';
import type { Cipher, KeyValueStore } from '../core/auth/token-vault.ts';

/** A JSON file of strings, rewritten atomically: settings and vault entries for the browser host. */
export function fileKeyValueStore(file: string): KeyValueStore {
  let cache: Record<string, string> | null = null;
  let writing = Promise.resolve();
  const load = async () => {
    if (cache) return cache;
    try {
      cache = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch {
      cache = {};
    }
    return cache;
  };
  const persist = (data: Record<string, string>) => {
    writing = writing.then(async () => {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(data, null, 2), { mode: 0o600 });
      await rename(temp, file);
    });
    return writing;
  };
  return {
    get: async (key) => (await load())[key],
    set: async (key, value) =>
      persist({ ...(await load()), [key]: value }).then(() => {
        (cache as Record<string, string>)[key] = value;
      }),
    delete: async (key) => {
      const data = { ...(await load()) };
      delete data[key];
      cache = data;
      await persist(data);
    },
  };
}

/**
 * AES-256-GCM with a random key kept in a file only this user can read. Weaker than the OS keychain
 * Electron's safeStorage uses (anyone who can read the user's files has both), but a copied or synced
 * settings file alone reveals nothing. The browser host has no keychain to use.
 */
export function fileKeyCipher(keyFile: string): Cipher {
  let key: Promise<Buffer> | null = null;
  const loadKey = () => {
    key ??= readFile(keyFile).catch(async () => {
      await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
      // wx: of two processes starting at once, one writes the key and both read that one.
      await writeFile(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' }).catch(() => undefined);
      return readFile(keyFile);
    });
    return key;
  };
  return aesGcmCipher(loadKey);
}
