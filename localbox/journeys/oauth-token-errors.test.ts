import { DropboxAuth } from 'dropbox';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  type ConsentOutcome,
  getCodeThroughConsentPage,
  openConsent,
  postToken,
  submitConsent,
  TEST_REDIRECT_URI,
} from '../test-support/oauth.ts';

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox();
});
afterAll(() => lb.stop());

/** The SDK's own exchange parameters for a code, ready to be tampered with. */
const exchangeOf = (outcome: ConsentOutcome): Record<string, string> => ({
  grant_type: 'authorization_code',
  code: outcome.code,
  client_id: lb.box.appKey,
  code_verifier: outcome.auth.getCodeVerifier(),
  redirect_uri: TEST_REDIRECT_URI,
});

const oauthError = (error: string, description: string | RegExp) => ({
  status: 400,
  contentType: 'application/json',
  cacheControl: 'no-store',
  body: {
    error,
    error_description: description instanceof RegExp ? expect.stringMatching(description) : description,
  },
});

describe('exchanging a code', () => {
  test('a code works once; the second exchange is invalid_grant', async () => {
    const outcome = await getCodeThroughConsentPage(lb);
    const first = await postToken(lb, exchangeOf(outcome));
    expect(first.status).toBe(200);
    expect(await postToken(lb, exchangeOf(outcome))).toEqual(
      oauthError('invalid_grant', "code doesn't exist or has expired"),
    );
  });

  test('a wrong verifier is invalid_grant, and the code is spent by the attempt', async () => {
    const outcome = await getCodeThroughConsentPage(lb);
    const wrong = { ...exchangeOf(outcome), code_verifier: 'x'.repeat(128) };
    expect(await postToken(lb, wrong)).toEqual(oauthError('invalid_grant', 'invalid code verifier'));
    expect(await postToken(lb, exchangeOf(outcome))).toEqual(
      oauthError('invalid_grant', "code doesn't exist or has expired"),
    );
  });

  test('the verifier is required for a code issued with a challenge', async () => {
    const { code_verifier: _dropped, ...withoutVerifier } = exchangeOf(await getCodeThroughConsentPage(lb));
    expect(await postToken(lb, withoutVerifier)).toEqual(
      oauthError('invalid_request', 'Missing required parameter "code_verifier".'),
    );
  });

  test.each([
    ['another path', 'http://127.0.0.1:53682/other'],
    ['another port', 'http://127.0.0.1:53683/callback'],
  ])('a redirect_uri on %s than at authorize is invalid_grant', async (_what, redirectUri) => {
    const outcome = await getCodeThroughConsentPage(lb);
    expect(await postToken(lb, { ...exchangeOf(outcome), redirect_uri: redirectUri })).toEqual(
      oauthError('invalid_grant', 'redirect_uri mismatch'),
    );
  });

  test('leaving out the redirect_uri used at authorize is invalid_grant', async () => {
    const { redirect_uri: _dropped, ...params } = exchangeOf(await getCodeThroughConsentPage(lb));
    expect(await postToken(lb, params)).toEqual(oauthError('invalid_grant', 'redirect_uri mismatch'));
  });

  test('an unknown client_id is invalid_client, through the SDK too', async () => {
    const outcome = await getCodeThroughConsentPage(lb);
    expect(await postToken(lb, { ...exchangeOf(outcome), client_id: 'notmyapp' })).toEqual(
      oauthError('invalid_client', 'Invalid client_id or client_secret'),
    );
    const stranger = new DropboxAuth({ clientId: 'notmyapp', fetch: lb.fetch });
    stranger.setCodeVerifier(outcome.auth.getCodeVerifier());
    await expect(stranger.getAccessTokenFromCode(TEST_REDIRECT_URI, outcome.code)).rejects.toMatchObject({
      status: 400,
      error: { error: 'invalid_client', error_description: 'Invalid client_id or client_secret' },
    });
    // The stranger's attempt did not burn the code: the app it was issued to still gets its tokens.
    expect((await postToken(lb, exchangeOf(outcome))).status).toBe(200);
  });

  test('parameters may come in a form body instead of the query string', async () => {
    const outcome = await getCodeThroughConsentPage(lb);
    const answer = await postToken(lb, {}, { form: exchangeOf(outcome) });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'bearer', refresh_token: expect.any(String) });
  });
});

describe('malformed token requests', () => {
  test.each([
    ['no grant_type', {}, 'invalid_request', 'Missing required parameter "grant_type".'],
    ['no code', { grant_type: 'authorization_code', client_id: 'APP' }, 'invalid_request', /"code"/],
    [
      'no client',
      { grant_type: 'authorization_code', code: 'abc' },
      'invalid_request',
      'No auth function available for given request',
    ],
    [
      'no refresh_token',
      { grant_type: 'refresh_token', client_id: 'APP' },
      'invalid_request',
      /"refresh_token"/,
    ],
    [
      'the password grant',
      { grant_type: 'password', client_id: 'APP' },
      'unsupported_grant_type',
      /grant_type/,
    ],
    [
      'an unknown code',
      { grant_type: 'authorization_code', code: 'abc', client_id: 'APP' },
      'invalid_grant',
      /exist/,
    ],
  ])('%s', async (_what, query: Record<string, string>, error, description) => {
    const params = Object.fromEntries(
      Object.entries(query).map(([name, value]) => [name, value === 'APP' ? lb.box.appKey : value]),
    );
    expect(await postToken(lb, params)).toEqual(oauthError(error, description));
  });

  test("the SDK's dataOnBody body ([object Object] as JSON) is ignored, not a crash", async () => {
    const auth = new DropboxAuth({
      clientId: lb.box.appKey,
      refreshToken: 'whatever',
      fetch: lb.fetch,
      dataOnBody: true,
    });
    await expect(auth.refreshAccessToken()).rejects.toMatchObject({
      status: 400,
      error: { error: 'invalid_request', error_description: 'Missing required parameter "grant_type".' },
    });
  });

  test('GET is refused with a 400 text answer', async () => {
    const answer = await postToken(lb, { grant_type: 'refresh_token' }, { method: 'GET' });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('text/plain; charset=utf-8');
    expect(answer.body).toContain('GET');
  });
});

test('a public app cannot redeem a code issued without PKCE, nor claim a secret', async () => {
  const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
  const form = await openConsent(
    lb,
    await auth.getAuthenticationUrl(TEST_REDIRECT_URI, 'np', 'code', 'offline'),
  );
  const location = new URL((await submitConsent(form, 'allow')).headers.get('location') ?? '');
  const params = {
    grant_type: 'authorization_code',
    code: location.searchParams.get('code') ?? '',
    client_id: lb.box.appKey,
    redirect_uri: TEST_REDIRECT_URI,
  };
  expect(await postToken(lb, { ...params, client_secret: 'guess' })).toEqual(
    oauthError('invalid_client', 'Invalid client_id or client_secret'),
  );
  expect(await postToken(lb, params)).toEqual(
    oauthError('invalid_client', 'Invalid client_id or client_secret'),
  );
});

test('injected faults hit the token endpoint but never the consent page', async () => {
  lb.box.injectFaults({ failNext: 1 });
  try {
    const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
    const sdkUrl = await auth.getAuthenticationUrl(
      TEST_REDIRECT_URI,
      'f',
      'code',
      'offline',
      undefined,
      'none',
      true,
    );
    const form = await openConsent(lb, sdkUrl);
    const code = new URL((await submitConsent(form, 'allow')).headers.get('location') ?? '').searchParams.get(
      'code',
    );
    await expect(auth.getAccessTokenFromCode(TEST_REDIRECT_URI, code ?? '')).rejects.toMatchObject({
      status: 500,
    });
  } finally {
    lb.box.clearFaults();
  }
});

describe('expiry', () => {
  afterEach(() => vi.useRealTimers());

  test('a consent page left open for more than 10 minutes can no longer be answered', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
    const form = await openConsent(
      lb,
      await auth.getAuthenticationUrl(TEST_REDIRECT_URI, 's', 'code', 'offline', undefined, 'none', true),
    );
    vi.setSystemTime(Date.now() + 10 * 60 * 1000 + 1);
    const late = await submitConsent(form, 'allow');
    expect(late.status).toBe(400);
    expect(late.headers.get('location')).toBeNull();
  });

  test('a code is good for 10 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const inTime = await getCodeThroughConsentPage(lb);
    vi.setSystemTime(Date.now() + 9 * 60 * 1000);
    expect((await postToken(lb, exchangeOf(inTime))).status).toBe(200);

    const late = await getCodeThroughConsentPage(lb);
    vi.setSystemTime(Date.now() + 10 * 60 * 1000 + 1);
    expect(await postToken(lb, exchangeOf(late))).toEqual(
      oauthError('invalid_grant', "code doesn't exist or has expired"),
    );
  });

  test('a code presented at the very instant its 10 minutes end is expired; a millisecond earlier it works', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const allowedAt = Date.now();
    const first = await getCodeThroughConsentPage(lb);
    const second = await getCodeThroughConsentPage(lb);
    vi.setSystemTime(allowedAt + 10 * 60 * 1000 - 1);
    expect((await postToken(lb, exchangeOf(first))).status).toBe(200);
    vi.setSystemTime(allowedAt + 10 * 60 * 1000);
    expect(await postToken(lb, exchangeOf(second))).toEqual(
      oauthError('invalid_grant', "code doesn't exist or has expired"),
    );
  });
});
