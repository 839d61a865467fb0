import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../../../../localbox/test-support/localbox.ts';
import { type DropboxEndpoints, endpointFetch } from '../../dropbox/endpoints.ts';
import { type SignedIn, startSignIn } from '../sign-in.ts';
import { type Landing, land, redirectAfter, withParam } from '../test-support/browser.ts';
import { opusFailure } from '../test-support/opus-failure.ts';
import { expectConnectionRefused, occupyPort } from '../test-support/ports.ts';
import { formOf, recordingLog } from '../test-support/recording-log.ts';

let lb: TestLocalbox;
let endpoints: DropboxEndpoints;
beforeAll(async () => {
  lb = await startTestLocalbox();
  endpoints = { origin: lb.box.url, appKey: lb.box.appKey };
});
afterAll(() => lb.stop());

const sdk = (signedIn: SignedIn) =>
  new Dropbox({ accessToken: signedIn.accessToken, fetch: endpointFetch(endpoints) });

test('Allow in the browser signs Opus in with tokens that open the account', async () => {
  const taken = await occupyPort();
  const log = recordingLog();
  const sent: URLSearchParams[] = [];
  const recordingFetch = ((url: string | URL | Request, init?: RequestInit) => {
    sent.push(formOf(init));
    return fetch(url, init);
  }) as typeof fetch;
  let redirectedTo = '';
  let browsing: Promise<Landing> | undefined;
  try {
    const signIn = await startSignIn({
      endpoints,
      ports: [taken.port, 0],
      timeoutMs: 10_000,
      fetch: recordingFetch,
      log,
      openExternal: async (url) => {
        browsing = redirectAfter(url, 'allow').then((location) => {
          redirectedTo = location;
          return land(location);
        });
      },
    });
    const url = new URL(signIn.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${lb.box.url}/oauth2/authorize`);
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(new URL(redirectUri).port).not.toBe(String(taken.port));

    const before = Date.now();
    const signedIn = await signIn.done;
    expect(signedIn.refreshToken).not.toBe('');
    expect(signedIn.expiresAt).toBeGreaterThanOrEqual(before + 4 * 3600_000 - 60_000);
    expect(signedIn.scope).toContain('files.content.write');
    const account = await sdk(signedIn).usersGetCurrentAccount();
    expect(account.result.account_id).toBe(signedIn.accountId);
    // The refresh token works too: an SDK given only it refreshes and calls.
    const refreshing = new Dropbox({
      clientId: lb.box.appKey,
      refreshToken: signedIn.refreshToken,
      fetch: endpointFetch(endpoints),
    });
    expect((await refreshing.usersGetSpaceUsage()).status).toBe(200);

    const landing = await browsing;
    expect(landing?.status).toBe(200);
    expect(landing?.html).toContain('You can close this tab and return to Opus');
    // One valid callback, then the port is gone.
    await expectConnectionRefused(redirectedTo);

    // The exchange was a form body with exactly what PKCE needs, and none of its secrets were logged.
    const exchange = sent.find((form) => form.get('grant_type') === 'authorization_code');
    const code = new URL(redirectedTo).searchParams.get('code') ?? '';
    expect(exchange?.get('code')).toBe(code);
    expect(exchange?.get('redirect_uri')).toBe(redirectUri);
    const verifier = exchange?.get('code_verifier') ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    const written = log.lines.join('\n');
    expect(log.lines.length).toBeGreaterThan(2);
    for (const secret of [verifier, code, url.searchParams.get('state') ?? '', signedIn.refreshToken])
      expect(written).not.toContain(secret);
    expect(written).not.toContain(signedIn.accessToken);
  } finally {
    await taken.release();
  }
});

test('a visit with the wrong state is refused, and the right one still signs in', async () => {
  const seen: number[] = [];
  const signIn = await startSignIn({
    endpoints,
    ports: [0],
    timeoutMs: 10_000,
    openExternal: async (url) => {
      const back = await redirectAfter(url, 'allow');
      seen.push((await land(withParam(back, 'state', 'from-an-older-tab'))).status);
      seen.push((await land(withParam(back, 'state', undefined))).status);
      seen.push((await land(back)).status);
    },
  });
  const signedIn = await signIn.done;
  expect(seen).toEqual([400, 400, 200]);
  expect((await sdk(signedIn).usersGetCurrentAccount()).status).toBe(200);
});

test('Deny in the browser ends the sign-in with a clear signed_out error', async () => {
  let browsing: Promise<Landing> | undefined;
  const signIn = await startSignIn({
    endpoints,
    ports: [0],
    timeoutMs: 10_000,
    openExternal: async (url) => {
      browsing = redirectAfter(url, 'deny').then(land);
    },
  });
  const error = await opusFailure(signIn.done);
  expect(error.kind).toBe('signed_out');
  expect(error.message).toMatch(/chose not to give Opus access/);
  expect((await browsing)?.html).toContain('Opus was not connected');
  // The browser talked to localbox, and the page says so.
  expect((await browsing)?.html).toContain('You chose not to give Opus access to localbox.');
});

test('a verifier changed on the way is refused by the server', async () => {
  const tampering = ((url: string | URL | Request, init?: RequestInit) => {
    const form = formOf(init);
    // The last character changed for another: always a different verifier (a fixed 'x' was the same one
    // when the verifier already ended in 'x', one run in 64).
    const verifier = form.get('code_verifier') ?? '';
    form.set('code_verifier', `${verifier.slice(0, -1)}${verifier.endsWith('x') ? 'y' : 'x'}`);
    return fetch(url, { ...init, body: form.toString() });
  }) as typeof fetch;
  const signIn = await startSignIn({
    endpoints,
    ports: [0],
    timeoutMs: 10_000,
    fetch: tampering,
    openExternal: async (url) => {
      await land(await redirectAfter(url, 'allow'));
    },
  });
  const error = await opusFailure(signIn.done);
  expect(error.kind).toBe('signed_out');
  expect(error.detail.tags).toBe('oauth/invalid_grant');
});

test('a sign-in nobody finishes times out and frees its port', async () => {
  let opened = '';
  const signIn = await startSignIn({
    endpoints,
    ports: [0],
    timeoutMs: 100,
    openExternal: async (url) => {
      opened = url;
    },
  });
  const error = await opusFailure(signIn.done);
  expect(error.kind).toBe('signed_out');
  expect(error.message).toMatch(/timed out/);
  await expectConnectionRefused(new URL(opened).searchParams.get('redirect_uri') ?? '');
});

test('cancel stops waiting and frees the port', async () => {
  const signIn = await startSignIn({ endpoints, ports: [0], openExternal: async () => {} });
  signIn.cancel();
  const error = await opusFailure(signIn.done);
  expect(error.message).toMatch(/cancelled/);
  await expectConnectionRefused(new URL(signIn.authorizeUrl).searchParams.get('redirect_uri') ?? '');
});

test('a browser that cannot be opened ends the sign-in and says what to do instead', async () => {
  const signIn = await startSignIn({
    endpoints,
    ports: [0],
    openExternal: () => Promise.reject(new Error('no browser')),
  });
  const error = await opusFailure(signIn.done);
  expect(error.message).toMatch(/pasting a code/);
  await expectConnectionRefused(new URL(signIn.authorizeUrl).searchParams.get('redirect_uri') ?? '');
});

test('losing the network during the code exchange reports offline', async () => {
  const unplugged = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
  const signIn = await startSignIn({
    endpoints,
    ports: [0],
    timeoutMs: 10_000,
    fetch: unplugged,
    openExternal: async (url) => {
      await land(await redirectAfter(url, 'allow'));
    },
  });
  expect((await opusFailure(signIn.done)).kind).toBe('offline');
});
