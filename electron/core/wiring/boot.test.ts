import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Starts Opus as a host does, on a fresh data folder (or `dataDir`), with `env` in place of the process's. */
async function boot(
  store: BootOptions['store'],
  env: NodeJS.ProcessEnv,
  { dataDir = mkdtempSync(join(tmpdir(), 'opus-boot-')), log = (_line: string) => {} } = {},
) {
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
        log,
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

test('the embedded localbox registers only the redirects Opus uses: its loopback callback and none', async () => {
  const { booted } = await boot(memoryStore(), {});
  const localbox = booted.localbox;
  if (!localbox) throw new Error('no embedded localbox');
  const status = async (redirectUri: string | undefined) => {
    const query = new URLSearchParams({ client_id: localbox.appKey, response_type: 'code' });
    if (redirectUri !== undefined) query.set('redirect_uri', redirectUri);
    return (await fetch(`${localbox.url}/oauth2/authorize?${query}`, { redirect: 'manual' })).status;
  };
  expect(await status('http://127.0.0.1:53682/callback')).toBe(200);
  expect(await status('http://127.0.0.1:40123/callback')).toBe(200);
  expect(await status(undefined)).toBe(200);
  expect(await status('https://evil.example/callback')).toBe(400);
  expect(await status('http://127.0.0.1:40123/elsewhere')).toBe(400);
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

test('a data folder an older Opus left readable by others is narrowed at start, and one line says so once', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-boot-'));
  mkdirSync(join(dataDir, 'history'));
  writeFileSync(join(dataDir, 'history', 'kept.txt'), 'my words');
  for (const [path, mode] of [
    [dataDir, 0o755],
    [join(dataDir, 'history'), 0o755],
    [join(dataDir, 'history', 'kept.txt'), 0o644],
  ] as const)
    chmodSync(path, mode);
  const lines: string[] = [];
  const first = await boot(
    memoryStore(),
    { OPUS_DROPBOX_APP_KEY: 'abc123def456' },
    { dataDir, log: (line) => lines.push(line) },
  );
  expect(lines.filter((line) => line.includes('readable by other users'))).toEqual([
    `opus: ${dataDir} was readable by other users; narrowed 3 entries to this user only`,
  ]);
  expect(
    [dataDir, join(dataDir, 'history'), join(dataDir, 'history', 'kept.txt')].map(
      (path) => statSync(path).mode & 0o777,
    ),
  ).toEqual([0o700, 0o700, 0o600]);

  await first.booted.close();
  started.splice(0);
  lines.length = 0;
  await boot(
    memoryStore(),
    { OPUS_DROPBOX_APP_KEY: 'abc123def456' },
    { dataDir, log: (line) => lines.push(line) },
  );
  expect(lines.filter((line) => line.includes('readable by other users'))).toEqual([]);
});
