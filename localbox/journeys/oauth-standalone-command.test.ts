import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildCli,
  jsonOf,
  killAllLocalboxes,
  rawApi,
  runCli,
  spawnLocalbox,
} from '../test-support/process.ts';
import { requestWithHost } from '../test-support/raw-http.ts';

// The standalone `localbox` command guards its sign-in as the embedded one does: its own Host only, the
// app's registered redirect URIs only, and tokens that work only for the app they were issued to.

let root: string;
beforeAll(async () => {
  await buildCli();
  root = mkdtempSync(join(tmpdir(), 'localbox-standalone-'));
});
afterAll(async () => {
  await killAllLocalboxes();
  rmSync(root, { recursive: true, force: true });
});

describe('started with --redirect-uri', () => {
  const statusFor = async (url: string, appKey: string, redirectUri: string) => {
    const query = new URLSearchParams({
      client_id: appKey,
      response_type: 'code',
      redirect_uri: redirectUri,
    });
    return (await fetch(`${url}/oauth2/authorize?${query}`, { redirect: 'manual' })).status;
  };

  test('it accepts exactly the registered URIs, loopback on any port, and refuses a foreign Host', async () => {
    const box = await spawnLocalbox({
      dataDir: join(root, 'registered'),
      args: ['--redirect-uri', 'https://app.example/cb', '--redirect-uri', 'http://127.0.0.1/callback'],
    });
    try {
      expect(await statusFor(box.url, box.appKey, 'https://app.example/cb')).toBe(200);
      expect(await statusFor(box.url, box.appKey, 'http://127.0.0.1:40999/callback')).toBe(200);
      expect(await statusFor(box.url, box.appKey, 'https://evil.example/cb')).toBe(400);
      // Registering any URI replaces the loopback default.
      expect(await statusFor(box.url, box.appKey, 'http://localhost:40999/callback')).toBe(400);

      const rebound = await requestWithHost(box.port, `evil.example:${box.port}`, '/oauth2/authorize');
      expect(rebound.status).toBe(421);
      const own = await requestWithHost(box.port, `localhost:${box.port}`, '/2/users/get_current_account', {
        method: 'POST',
        headers: { Authorization: `Bearer ${box.token}` },
      });
      expect(own.status).toBe(200);
    } finally {
      await box.kill('SIGTERM');
    }
  });

  test('a URI that cannot be registered is a usage error', async () => {
    const run = await runCli(['--data-dir', join(root, 'bad'), '--redirect-uri', 'http://evil.example/cb']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--redirect-uri must be https');
  });
});

test('a token issued under one app key gets 401 invalid_access_token once localbox restarts with another', async () => {
  const dataDir = join(root, 'rekeyed');
  const first = await spawnLocalbox({ dataDir, args: ['--app-key', 'firstappkey'] });
  const token = first.token;
  expect((await rawApi(first.url, token).rpc('users/get_current_account')).status).toBe(200);
  await first.kill('SIGTERM');

  const second = await spawnLocalbox({ dataDir, args: ['--app-key', 'secondappkey'] });
  try {
    const refused = await rawApi(second.url, token).rpc('users/get_current_account');
    expect(refused.status).toBe(401);
    expect(await jsonOf(refused)).toMatchObject({
      error_summary: 'invalid_access_token/..',
      error: { '.tag': 'invalid_access_token' },
    });
    // Its own tokens work, on the same data.
    expect((await rawApi(second.url, second.token).rpc('users/get_current_account')).status).toBe(200);
  } finally {
    await second.kill('SIGTERM');
  }
});
