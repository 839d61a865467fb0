import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { fileKeyCipher, fileKeyValueStore } from './file-store.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'opus-file-store-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

test('the key is made on first use, 0600 in a 0700 folder, and what it encrypts decrypts', async () => {
  const keyFile = join(dataDir, 'web', 'vault.key');
  const cipher = fileKeyCipher(keyFile);
  expect(await cipher.isAvailable()).toBe(true);
  expect(await cipher.decrypt(await cipher.encrypt('refresh-token'))).toBe('refresh-token');
  expect(readFileSync(keyFile)).toHaveLength(32);
  expect([modeOf(join(dataDir, 'web')), modeOf(keyFile)]).toEqual([0o700, 0o600]);
});

test('a key others could read is narrowed to 0600 when read, said in one line, and still used', async () => {
  const keyFile = join(dataDir, 'vault.key');
  const key = randomBytes(32);
  writeFileSync(keyFile, key);
  chmodSync(keyFile, 0o644);
  const before = await fileKeyCipher(keyFile).encrypt('refresh-token');
  chmodSync(keyFile, 0o644);
  const lines: string[] = [];
  const cipher = fileKeyCipher(keyFile, (line) => lines.push(line));
  expect(await cipher.decrypt(before)).toBe('refresh-token');
  expect(modeOf(keyFile)).toBe(0o600);
  expect(lines).toEqual([`opus: ${keyFile} was readable by other users (mode 644); narrowed to 600`]);
  expect(readFileSync(keyFile).equals(key)).toBe(true);
});

// Only root can give a file to another user, so only a root run can plant one.
test.runIf(process.getuid?.() === 0)(
  'a key that belongs to another user is not used: encryption is unavailable, so no sign-in is kept with it',
  async () => {
    const keyFile = join(dataDir, 'vault.key');
    writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    chownSync(keyFile, 4321, 4321);
    const lines: string[] = [];
    const cipher = fileKeyCipher(keyFile, (line) => lines.push(line));
    expect(await cipher.isAvailable()).toBe(false);
    expect(lines).toEqual([
      `opus: ${keyFile} belongs to another user (uid 4321); not using it, sign-ins are not kept`,
    ]);
  },
);

test('settings are written 0600, also over a file others could read', async () => {
  const file = join(dataDir, 'settings.json');
  writeFileSync(file, '{"a":"1"}', { mode: 0o644 });
  chmodSync(file, 0o644);
  const store = fileKeyValueStore(file);
  await store.set('b', '2');
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: '1', b: '2' });
  expect(modeOf(file)).toBe(0o600);
});
