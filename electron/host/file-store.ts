import { randomBytes } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { aesGcmCipher } from '../core/auth/aes-gcm-cipher.ts';
import type { Cipher, KeyValueStore } from '../core/auth/token-vault.ts';
import { makePrivateFolder, PRIVATE_FILE, writePrivateFile } from '../core/private-files.ts';

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
      await makePrivateFolder(dirname(file));
      const temp = `${file}.${process.pid}.tmp`;
      await writePrivateFile(temp, JSON.stringify(data, null, 2));
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
 * settings file alone reveals nothing. The browser host has no keychain to use. A key file it cannot
 * trust makes the cipher unavailable: the vault then keeps the sign-in in memory only.
 */
export function fileKeyCipher(keyFile: string, log: (line: string) => void = () => {}): Cipher {
  let key: Promise<Buffer | null> | null = null;
  const loadKey = () => {
    key ??= (async () => {
      await makePrivateFolder(dirname(keyFile));
      // wx: of two processes starting at once, one writes the key and both read that one.
      await writePrivateFile(keyFile, randomBytes(32), { flag: 'wx' }).catch(() => undefined);
      return readTrustedKey(keyFile, log);
    })();
    return key;
  };
  return aesGcmCipher(
    async () => (await loadKey()) ?? Buffer.alloc(0),
    async () => (await loadKey()) !== null,
  );
}

/**
 * The key, checked through the handle it is read from (so a swapped link cannot slip between check and
 * read). Wider than 0600 (a copy, an older Opus): narrowed, and said so. Owned by another user: refused,
 * not narrowed — whoever owns it chose the key, so tokens encrypted with it would be theirs to read; and
 * chmod would fail on it anyway. Windows has no uid or mode bits to judge by.
 */
async function readTrustedKey(keyFile: string, log: (line: string) => void): Promise<Buffer | null> {
  const handle = await open(keyFile, 'r');
  try {
    const info = await handle.stat();
    const uid = process.getuid?.();
    if (uid !== undefined && info.uid !== uid) {
      log(`opus: ${keyFile} belongs to another user (uid ${info.uid}); not using it, sign-ins are not kept`);
      return null;
    }
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      await handle.chmod(PRIVATE_FILE);
      log(
        `opus: ${keyFile} was readable by other users (mode ${(info.mode & 0o777).toString(8)}); narrowed to 600`,
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
