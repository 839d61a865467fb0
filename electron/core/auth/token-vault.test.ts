import { expect, test } from 'vitest';
import type { DropboxEndpoints } from '../dropbox/endpoints.ts';
import { aesGcmCipher } from './aes-gcm-cipher.ts';
import { memoryStore } from './test-support/memory-store.ts';
import { recordingLog } from './test-support/recording-log.ts';
import { type Cipher, TokenVault } from './token-vault.ts';

/** Stands in for safeStorage: AES-256-GCM with a key fixed for the test. */
function aesCipher(key = Buffer.alloc(32, 7), available = true): Cipher {
  return aesGcmCipher(
    () => key,
    () => available,
  );
}

const localbox: DropboxEndpoints = { origin: 'http://127.0.0.1:8765', appKey: 'lbkey' };
const dropbox: DropboxEndpoints = { appKey: 'lbkey' };
const account = { refreshToken: 'rt-secret-refresh-token-0123456789', accountId: 'dbid:AAAA' };

test('keeps the refresh token encrypted, and gives it back on the next start', async () => {
  const store = memoryStore();
  const cipher = aesCipher();
  expect(await new TokenVault({ store, cipher, endpoints: localbox }).save(account)).toEqual({
    status: 'saved',
  });

  const stored = [...store.values.values()].join('\n');
  expect(stored).not.toContain(account.refreshToken);
  expect(stored).toContain(account.accountId);
  expect([...store.values.keys()]).toEqual(['auth.lbkey@http://127.0.0.1:8765']);

  const nextStart = new TokenVault({ store, cipher, endpoints: localbox });
  expect(await nextStart.load()).toEqual(account);
});

test('never keeps the access token', async () => {
  const store = memoryStore();
  const vault = new TokenVault({ store, cipher: aesCipher(), endpoints: localbox });
  const signedIn = { ...account, accessToken: 'sl.access-token-xyz', expiresAt: 1, scope: '' };
  await vault.save(signedIn);
  expect([...store.values.values()].join('\n')).not.toContain(signedIn.accessToken);
});

test('a localbox account and a Dropbox account, or two app keys, do not mix', async () => {
  const store = memoryStore();
  const cipher = aesCipher();
  await new TokenVault({ store, cipher, endpoints: localbox }).save(account);
  expect(await new TokenVault({ store, cipher, endpoints: dropbox }).load()).toBeNull();
  expect(
    await new TokenVault({ store, cipher, endpoints: { ...localbox, appKey: 'other' } }).load(),
  ).toBeNull();
  expect(await new TokenVault({ store, cipher, endpoints: localbox }).load()).toEqual(account);
});

test('a value that no longer decrypts is removed and means signed out', async () => {
  const store = memoryStore();
  await new TokenVault({ store, cipher: aesCipher(), endpoints: localbox }).save(account);
  const log = recordingLog();
  // As after a new OS keyring: another key.
  const vault = new TokenVault({ store, cipher: aesCipher(Buffer.alloc(32, 9)), endpoints: localbox, log });
  expect(await vault.load()).toBeNull();
  expect(store.values.size).toBe(0);
  expect(log.lines.join('\n')).toMatch(/no longer decrypts/);
});

test('an unreadable entry is removed and means signed out', async () => {
  const store = memoryStore();
  store.values.set('auth.lbkey@http://127.0.0.1:8765', '{not json');
  expect(await new TokenVault({ store, cipher: aesCipher(), endpoints: localbox }).load()).toBeNull();
  expect(store.values.size).toBe(0);
});

test('without encryption nothing is written, and the caller is told so', async () => {
  const store = memoryStore();
  await new TokenVault({ store, cipher: aesCipher(), endpoints: localbox }).save(account);
  const vault = new TokenVault({ store, cipher: aesCipher(undefined, false), endpoints: localbox });
  const result = await vault.save({ ...account, refreshToken: 'rt-newer' });
  expect(result).toMatchObject({ status: 'not_persisted' });
  // The older sign-in is gone too: it must not come back at the next start instead of this one.
  expect(store.values.size).toBe(0);
});

test('a locked keyring reads as signed out but keeps the entry for a later start', async () => {
  const store = memoryStore();
  await new TokenVault({ store, cipher: aesCipher(), endpoints: localbox }).save(account);
  const locked = new TokenVault({ store, cipher: aesCipher(undefined, false), endpoints: localbox });
  expect(await locked.load()).toBeNull();
  expect(await new TokenVault({ store, cipher: aesCipher(), endpoints: localbox }).load()).toEqual(account);
});

test('a cipher that does not hide the token is refused', async () => {
  const store = memoryStore();
  const seeThrough: Cipher = {
    isAvailable: async () => true,
    encrypt: async (plain) => plain,
    decrypt: async (text) => text,
  };
  const result = await new TokenVault({ store, cipher: seeThrough, endpoints: localbox }).save(account);
  expect(result).toMatchObject({ status: 'not_persisted' });
  expect(store.values.size).toBe(0);
});

test('clear signs out for good', async () => {
  const store = memoryStore();
  const vault = new TokenVault({ store, cipher: aesCipher(), endpoints: localbox });
  await vault.save(account);
  await vault.clear();
  expect(await vault.load()).toBeNull();
});
