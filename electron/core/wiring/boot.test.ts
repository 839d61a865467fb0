import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dropbox } from 'dropbox';
import { afterEach, expect, test } from 'vitest';
import { rewriteToLocalbox } from '../../../localbox/test-support/localbox.ts';
import { memoryStore } from '../auth/test-support/memory-store.ts';
import { approvingBrowser, testCipher } from '../test-support/core-bench.ts';
import { handleFor } from '../test-support/core-handle.ts';
import { APP_KEY_SETTING } from './app-handlers.ts';
import { type BootedOpus, type BootOptions, bootOpus } from './boot.ts';

const started: { booted: BootedOpus; dataDir: string }[] = [];
afterEach(async () => {
  for (const { booted, dataDir } of started.splice(0)) {
    await booted.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Starts Opus as a host does, on a fresh data folder, with `env` in place of the process's. */
async function boot(store: BootOptions['store'], env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-boot-'));
  const browser = approvingBrowser();
  const asked: (string | undefined)[] = [];
  const booted = await bootOpus({
    dataDir,
    store,
    env,
    core: (localboxUrl) => {
      asked.push(localboxUrl);
      return {
        cipher: testCipher(),
        openExternal: browser.openExternal,
        version: 'test',
        signInPorts: [0],
      };
    },
  });
  started.push({ booted, dataDir });
  return { booted, dataDir, asked };
}

test('with no app key, Opus embeds a localbox in its data folder, and its core lists the files there', async () => {
  const { booted, dataDir, asked } = await boot(memoryStore(), {});
  const localbox = booted.localbox;
  if (!localbox) throw new Error('no embedded localbox');
  expect(localbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(asked).toEqual([localbox.url]);
  expect(existsSync(join(dataDir, 'localbox'))).toBe(true);

  // Another client of the same localbox puts a file there, over HTTP.
  const other = new Dropbox({
    accessToken: localbox.issueTokens().access_token,
    fetch: rewriteToLocalbox(localbox.url),
  });
  await other.filesUpload({ path: '/hello.txt', contents: 'Hello.\n' });

  const opus = handleFor(booted.core);
  expect(await opus.call('getAppInfo', {})).toMatchObject({ provider: 'localbox' });
  await opus.call('signIn', {});
  await opus.events.waitFor('accountChanged', (change) => change.signedIn, 10_000);
  const listing = await opus.call('listFolder', { path: '' });
  expect(listing.entries.map((entry) => entry.name)).toEqual(['hello.txt']);
});

test('with an app key in Settings, Opus talks to Dropbox and starts no localbox', async () => {
  const store = memoryStore();
  await store.set(APP_KEY_SETTING, 'abc123def456');
  const { booted, dataDir, asked } = await boot(store, {});
  expect(booted.localbox).toBeNull();
  expect(asked).toEqual([undefined]);
  expect(existsSync(join(dataDir, 'localbox'))).toBe(false);
  expect(await handleFor(booted.core).call('getAppInfo', {})).toMatchObject({ provider: 'dropbox' });
});

test('an app key from the environment is enough when Settings has none', async () => {
  const { booted } = await boot(memoryStore(), { OPUS_DROPBOX_APP_KEY: 'abc123def456' });
  expect(booted.localbox).toBeNull();
  expect(await handleFor(booted.core).call('getAppInfo', {})).toMatchObject({ provider: 'dropbox' });
});
