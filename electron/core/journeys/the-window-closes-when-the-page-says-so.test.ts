import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { fileKeyCipher, fileKeyValueStore } from '../../host/file-store.ts';
import { createOpusCore, type OpusCoreOptions } from '../wiring/opus-core.ts';

const dir = mkdtempSync(join(tmpdir(), 'opus-close-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const core = (window?: OpusCoreOptions['window']) =>
  createOpusCore({
    endpoints: { origin: 'http://127.0.0.1:9', appKey: 'local' },
    provider: 'localbox',
    dataDir: dir,
    store: fileKeyValueStore(join(dir, 'settings.json')),
    cipher: fileKeyCipher(join(dir, 'vault.key')),
    openExternal: async () => {},
    version: 'test',
    window,
  });

test('closeWindow closes the app window once the page has asked about unsaved tabs, signed in or not', async () => {
  let closed = 0;
  expect(await core({ close: () => closed++ }).call('closeWindow', {})).toEqual({
    ok: true,
    value: { closed: true },
  });
  expect(closed).toBe(1);
  // The browser host has no window of its own: the page hears that nothing closed.
  expect(await core().call('closeWindow', {})).toEqual({ ok: true, value: { closed: false } });
});
