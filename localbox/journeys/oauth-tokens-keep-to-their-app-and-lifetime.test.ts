import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dropbox } from 'dropbox';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { postToken, signInThroughConsentPage } from '../test-support/oauth.ts';

const invalidToken = {
  status: 401,
  error: { error_summary: 'invalid_access_token/..', error: { '.tag': 'invalid_access_token' } },
};

describe('tokens belong to the app key they were issued to', () => {
  const root = mkdtempSync(join(tmpdir(), 'localbox-rekeyed-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('after a restart with another key on the same data, the old access and refresh tokens are refused', async () => {
    const first = await startTestLocalbox({ dataDir: root, appKey: 'firstappkey' });
    const signedIn = await signInThroughConsentPage(first, { tokenAccessType: 'offline' });
    await first.stop();

    const second = await startTestLocalbox({ dataDir: root, appKey: 'secondappkey' });
    try {
      const stale = new Dropbox({ accessToken: signedIn.accessToken, fetch: second.fetch });
      await expect(stale.usersGetCurrentAccount()).rejects.toMatchObject(invalidToken);
      const refreshed = await postToken(second, {
        grant_type: 'refresh_token',
        refresh_token: signedIn.refreshToken ?? '',
        client_id: 'secondappkey',
      });
      expect(refreshed).toMatchObject({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'refresh token is invalid or has been revoked' },
      });
      // The new key's own sign-ins work on the same data.
      const own = await signInThroughConsentPage(second);
      const client = new Dropbox({ accessToken: own.accessToken, fetch: second.fetch });
      expect((await client.usersGetCurrentAccount()).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe('an access token lives exactly its expires_in', () => {
  const lifetimeSeconds = 60;
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox({ accessTokenSeconds: lifetimeSeconds });
  });
  afterAll(() => lb.stop());
  afterEach(() => {
    vi.useRealTimers();
  });

  const expired = {
    status: 401,
    error: { error_summary: 'expired_access_token/..', error: { '.tag': 'expired_access_token' } },
  };

  test('it works until the last millisecond and is expired at the instant its lifetime ends', async () => {
    // Only Date is faked: the server's own timers and sockets run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    const issuedAt = Date.now();
    const tokens = lb.box.issueTokens({ offline: false });
    expect(tokens.expires_in).toBe(lifetimeSeconds);
    const client = lb.client({ accessToken: tokens.access_token });

    vi.setSystemTime(issuedAt + lifetimeSeconds * 1000 - 1);
    expect((await client.usersGetCurrentAccount()).status).toBe(200);
    vi.setSystemTime(issuedAt + lifetimeSeconds * 1000);
    await expect(client.usersGetCurrentAccount()).rejects.toMatchObject(expired);
  });

  test('expiring every token (fault injection) takes effect at once, not a moment later', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const client = lb.client({ accessToken: lb.box.issueTokens({ offline: false }).access_token });
    expect((await client.usersGetCurrentAccount()).status).toBe(200);
    lb.box.injectFaults({ expireTokens: true });
    await expect(client.usersGetCurrentAccount()).rejects.toMatchObject(expired);
    lb.box.clearFaults();
  });
});
