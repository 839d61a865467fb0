import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../../../localbox/test-support/localbox.ts';
import type { OpusError } from '../errors.ts';
import { REFRESH_AHEAD_MS, TokenSession, type TokenSessionOptions } from './token-session.ts';

let lb: TestLocalbox;
beforeAll(async () => {
  // Tokens live 1 s here, so expiry can be watched in real time.
  lb = await startTestLocalbox({ faultInjection: true, accessTokenSeconds: 1 });
});
afterAll(() => lb.stop());
beforeEach(() => {
  lb.box.clearFaults();
  lb.box.resetRequestCounts();
});

const refreshes = () => lb.box.requestCounts()['/oauth2/token'] ?? 0;

/** Whether localbox accepts the token, asked with a plain request (no SDK, no gateway). */
async function accepted(token: string): Promise<number> {
  const res = await fetch(`${lb.box.url}/2/users/get_current_account`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

function session(extra: Partial<TokenSessionOptions> = {}): { tokens: TokenSession; sleeps: number[] } {
  const issued = lb.box.issueTokens({ offline: true });
  const sleeps: number[] = [];
  const tokens = new TokenSession({
    endpoints: { origin: lb.box.url, appKey: lb.box.appKey },
    refreshToken: issued.refresh_token ?? '',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
  return { tokens, sleeps };
}

describe('TokenSession', () => {
  it('fetches a token with the refresh token when it has none, with a form-encoded POST', async () => {
    const bodies: string[] = [];
    const seen: typeof fetch = async (input, init) => {
      bodies.push(`${new Headers(init?.headers).get('content-type')} ${String(init?.body)}`);
      return fetch(input, init);
    };
    const heard: [string, number][] = [];
    const { tokens } = session({
      fetch: seen,
      onRefreshed: (token, expiresAt) => void heard.push([token, expiresAt]),
    });
    const token = await tokens.accessToken();
    expect(await accepted(token)).toBe(200);
    expect(refreshes()).toBe(1);
    expect(bodies[0]).toMatch(
      /^application\/x-www-form-urlencoded grant_type=refresh_token&refresh_token=[^&]+&client_id=[^&]+$/,
    );
    expect(heard).toHaveLength(1);
    expect(heard[0]?.[0]).toBe(token);
    expect(heard[0]?.[1]).toBeGreaterThan(Date.now());
  });

  it('sends one refresh for many callers at once', async () => {
    const { tokens } = session();
    const all = await Promise.all(Array.from({ length: 10 }, () => tokens.accessToken()));
    expect(new Set(all).size).toBe(1);
    expect(refreshes()).toBe(1);
  });

  it('keeps a token far from expiry, and refreshes one within 5 minutes of it', async () => {
    let now = 1_000_000;
    const { tokens } = session({
      accessToken: 'sl.kept',
      expiresAt: now + REFRESH_AHEAD_MS + 1000,
      now: () => now,
    });
    expect(await tokens.accessToken()).toBe('sl.kept');
    expect(refreshes()).toBe(0);
    now += 2000;
    const fresh = await tokens.accessToken();
    expect(fresh).not.toBe('sl.kept');
    expect(refreshes()).toBe(1);
  });

  it('uses a token whose expiry it was not told until Dropbox rejects it', async () => {
    const { tokens } = session({ accessToken: 'sl.unknown-expiry' });
    expect(await tokens.accessToken()).toBe('sl.unknown-expiry');
    expect(refreshes()).toBe(0);
  });

  it('refreshes after an expiry only if nobody has yet, once for everyone', async () => {
    const { tokens } = session({ accessToken: 'sl.old', expiresAt: Date.now() + 3600_000 });
    const after = await Promise.all(Array.from({ length: 5 }, () => tokens.refreshAfterExpiry('sl.old')));
    expect(new Set(after).size).toBe(1);
    expect(refreshes()).toBe(1);
    // A latecomer that saw the old token gets the new one without another request.
    expect(await tokens.refreshAfterExpiry('sl.old')).toBe(after[0]);
    expect(refreshes()).toBe(1);
  });

  it('refreshes again in real time once a short-lived token is half-way through its life', async () => {
    const { tokens } = session();
    const first = await tokens.accessToken();
    expect(await tokens.accessToken()).toBe(first);
    const issuedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = await tokens.accessToken();
    expect(second).not.toBe(first);
    expect(await accepted(second)).toBe(200);
    expect(refreshes()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, issuedAt + 1100 - Date.now())));
    expect(await accepted(first)).toBe(401);
  });

  it('is signed_out when the refresh token was revoked', async () => {
    const { tokens } = session();
    await lb.client({ accessToken: await tokens.accessToken() }).authTokenRevoke();
    const failure = await tokens
      .refreshAfterExpiry(await tokens.accessToken())
      .catch((e: unknown) => e as OpusError);
    expect(failure).toMatchObject({ kind: 'signed_out', detail: { tags: 'invalid_grant' } });
    // The session stays signed out: later callers hear it at once, without asking Dropbox again.
    await expect(tokens.accessToken()).rejects.toMatchObject({ kind: 'signed_out' });
    await expect(tokens.refreshAfterExpiry('sl.any')).rejects.toMatchObject({ kind: 'signed_out' });
    expect(refreshes()).toBe(2);
  });

  it('waits Retry-After on 429 and backs off on 500 before refreshing', async () => {
    const { tokens, sleeps } = session({ random: () => 0.5 });
    lb.box.injectFaults({ rateLimitNext: 1, retryAfterSeconds: 2, failNext: 1 });
    expect(await accepted(await tokens.accessToken())).toBe(200);
    expect(refreshes()).toBe(3);
    expect(sleeps).toEqual([2000, 500]);
  });

  it('is offline when the token endpoint cannot be reached', async () => {
    const gone = await startTestLocalbox();
    const endpoints = { origin: gone.box.url, appKey: gone.box.appKey };
    await gone.stop();
    const { tokens, sleeps } = session({ endpoints });
    await expect(tokens.accessToken()).rejects.toMatchObject({ kind: 'offline' });
    expect(sleeps).toHaveLength(3);
  });
});
