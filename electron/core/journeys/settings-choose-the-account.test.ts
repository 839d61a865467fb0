import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { fileKeyCipher, fileKeyValueStore } from '../../host/file-store.ts';
import type { KeyValueStore } from '../auth/token-vault.ts';
import { APP_KEY_SETTING, AUTO_SAVE_SETTING } from '../wiring/app-handlers.ts';
import { createOpusCore } from '../wiring/opus-core.ts';
import { chooseProvider } from '../wiring/provider.ts';

const dir = mkdtempSync(join(tmpdir(), 'opus-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const startCore = (store: KeyValueStore) =>
  createOpusCore({
    endpoints: { origin: 'http://127.0.0.1:9', appKey: 'local' },
    provider: 'localbox',
    dataDir: dir,
    store,
    cipher: fileKeyCipher(join(dir, 'vault.key')),
    openExternal: async () => {},
    version: 'test',
  });

test('an app key set in Settings makes the next start use Dropbox; clearing it goes back to localbox', async () => {
  const core = startCore(fileKeyValueStore(join(dir, 'settings.json')));
  expect(await core.call('getSettings', {})).toEqual({
    ok: true,
    value: { dropboxAppKey: null, fromEnvironment: false, autoSave: { mode: 'off', delayMs: 1000 } },
  });
  expect(await core.call('setDropboxAppKey', { appKey: 'Not A Key!' })).toMatchObject({
    ok: false,
    error: { kind: 'invalid_request' },
  });
  expect(await core.call('setDropboxAppKey', { appKey: 'abc123def456' })).toEqual({
    ok: true,
    value: { restartRequired: true },
  });
  // Read back from the file, as the next start does.
  const reread = fileKeyValueStore(join(dir, 'settings.json'));
  expect(chooseProvider(await reread.get(APP_KEY_SETTING), {})).toEqual({
    provider: 'dropbox',
    appKey: 'abc123def456',
  });
  expect(await core.call('setDropboxAppKey', { appKey: null })).toEqual({
    ok: true,
    value: { restartRequired: true },
  });
  expect(
    chooseProvider(await fileKeyValueStore(join(dir, 'settings.json')).get(APP_KEY_SETTING), {}),
  ).toEqual({ provider: 'localbox' });
  // The environment wins when Settings has none.
  expect(chooseProvider(undefined, { OPUS_DROPBOX_APP_KEY: 'envkey12345' })).toEqual({
    provider: 'dropbox',
    appKey: 'envkey12345',
  });
  await core.close();
});

test('auto-save is off until Settings turns it on, is kept across starts, and a garbled one reads as off', async () => {
  const file = join(dir, 'auto-save.json');
  const start = (store = fileKeyValueStore(file)) => startCore(store);
  const autoSaveOf = async (core: ReturnType<typeof start>) =>
    ((await core.call('getSettings', {})) as { value: { autoSave: unknown } }).value.autoSave;
  const first = start();
  expect(await autoSaveOf(first)).toEqual({ mode: 'off', delayMs: 1000 });
  expect(await first.call('setAutoSave', { mode: 'delay', delayMs: 50 })).toMatchObject({
    ok: false,
    error: { kind: 'invalid_request' },
  });
  expect(await first.call('setAutoSave', { mode: 'delay', delayMs: 500 })).toEqual({ ok: true, value: null });
  await first.close();
  const second = start();
  expect(await autoSaveOf(second)).toEqual({ mode: 'delay', delayMs: 500 });
  await second.close();
  const garbled = fileKeyValueStore(file);
  await garbled.set(AUTO_SAVE_SETTING, '{"mode":"always"}');
  const third = start(garbled);
  expect(await autoSaveOf(third)).toEqual({ mode: 'off', delayMs: 1000 });
  await third.close();
});
