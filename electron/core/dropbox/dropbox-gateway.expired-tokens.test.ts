import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenSession } from '../auth/token-session.ts';
import { bytesOf, failureOf, type GatewayBench, startGatewayBench } from '../test-support/gateway-bench.ts';
import { createGateway } from './dropbox-gateway.ts';

let bench: GatewayBench;
beforeAll(async () => {
  bench = await startGatewayBench();
  await bench.gateway().upload('/t/file.txt', bytesOf('token test'), { mode: { kind: 'add' } });
});
afterAll(() => bench.stop());
beforeEach(() => {
  bench.takeCounts();
});

/** A session that believes its token is good for hours, as after a restart with a stored token. */
function sessionWithFreshToken(onRefreshed?: (token: string) => void): TokenSession {
  const issued = bench.lb.box.issueTokens({ offline: true });
  return new TokenSession({
    endpoints: bench.endpoints,
    refreshToken: issued.refresh_token ?? '',
    accessToken: issued.access_token,
    expiresAt: Date.now() + 4 * 3600_000,
    onRefreshed,
  });
}

describe('a token Dropbox says has expired', () => {
  it('is refreshed once and the call goes again once', async () => {
    const refreshed: string[] = [];
    const tokens = sessionWithFreshToken((token) => refreshed.push(token));
    const gateway = createGateway({ endpoints: bench.endpoints, tokens });
    bench.lb.box.injectFaults({ expireTokens: true });
    const { bytes } = await gateway.download('/t/file.txt');
    expect(bytes.toString()).toBe('token test');
    expect(bench.takeCounts()).toEqual({ 'files/download': 2, '/oauth2/token': 1 });
    expect(refreshed).toHaveLength(1);
    expect(await tokens.accessToken()).toBe(refreshed[0]);
  });

  it('is refreshed once for many calls that meet it together', async () => {
    const tokens = sessionWithFreshToken();
    const gateway = createGateway({ endpoints: bench.endpoints, tokens });
    bench.lb.box.injectFaults({ expireTokens: true });
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => gateway.getMetadata('/t/file.txt')),
      gateway.download('/t/file.txt'),
      gateway.account(),
    ]);
    expect(results).toHaveLength(8);
    const counts = bench.takeCounts();
    expect(counts['/oauth2/token']).toBe(1);
    expect(counts['files/get_metadata']).toBe(12);
  });

  it('is signed_out when the refresh token was revoked', async () => {
    const tokens = sessionWithFreshToken();
    const gateway = createGateway({ endpoints: bench.endpoints, tokens });
    await gateway.revoke();
    // The access token went with it: a plain 401 invalid_access_token, no refresh attempted.
    const call = await failureOf(gateway.getMetadata('/t/file.txt'));
    expect(call).toMatchObject({ kind: 'signed_out', detail: { tags: 'invalid_access_token' } });
    expect(bench.takeCounts()).toEqual({ 'auth/token/revoke': 1, 'files/get_metadata': 1 });
    // And once the session tries to refresh, the refresh token is refused too.
    const revoked = await tokens.accessToken();
    const refresh = await failureOf(tokens.refreshAfterExpiry(revoked));
    expect(refresh).toMatchObject({ kind: 'signed_out', detail: { tags: 'invalid_grant' } });
  });

  it('is signed_out, without calling the route, when a restart finds the refresh token revoked', async () => {
    const issued = bench.lb.box.issueTokens({ offline: true });
    await bench.lb.client({ accessToken: issued.access_token }).authTokenRevoke();
    bench.takeCounts();
    const tokens = new TokenSession({ endpoints: bench.endpoints, refreshToken: issued.refresh_token ?? '' });
    const gateway = createGateway({ endpoints: bench.endpoints, tokens });
    const failure = await failureOf(gateway.download('/t/file.txt'));
    expect(failure.kind).toBe('signed_out');
    expect(bench.takeCounts()).toEqual({ '/oauth2/token': 1 });
  });

  it('is auth_expired if even the refreshed token is refused as expired', async () => {
    // A provider whose tokens never work: the gateway refreshes once, retries once, then says so.
    const issued = bench.lb.box.issueTokens({ offline: false });
    bench.lb.box.injectFaults({ expireTokens: true });
    let refreshes = 0;
    const gateway = createGateway({
      endpoints: bench.endpoints,
      tokens: {
        accessToken: async () => issued.access_token,
        refreshAfterExpiry: async () => {
          refreshes++;
          return issued.access_token;
        },
      },
    });
    const failure = await failureOf(gateway.getMetadata('/t/file.txt'));
    expect(failure.kind).toBe('auth_expired');
    expect(refreshes).toBe(1);
    expect(bench.takeCounts()).toEqual({ 'files/get_metadata': 2 });
  });
});
