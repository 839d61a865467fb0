import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { fileKeyCipher, fileKeyValueStore } from '../../host/file-store.ts';
import { APP_KEY_SETTING } from '../wiring/app-handlers.ts';
import { createOpusCore } from '../wiring/opus-core.ts';
import { chooseProvider } from '../wiring/provider.ts';

const dir = mkdtempSync(join(tmpdir(), 'opus-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('an app key set in Settings makes the next start use Dropbox; clearing it goes back to localbox', async () => {
  const store = fileKeyValueStore(join(dir, 'settings.json'));
  const core = createOpusCore({
    endpoints: { origin: 'http://127.0.0.1:9', appKey: 'local' },
    provider: 'localbox',
    dataDir: dir,
    store,
    cipher: fileKeyCipher(join(dir, 'vault.key')),
    openExternal: async () => {},
    version: 'test',
  });
  expect(await core.call('getSettings', {})).toEqual({
    ok: true,
    value: { dropboxAppKey: null, fromEnvironment: false },
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
