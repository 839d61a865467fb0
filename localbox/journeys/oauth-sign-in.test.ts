import { Dropbox, DropboxAuth } from 'dropbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SCOPES } from '../auth/scopes.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  getCodeThroughConsentPage,
  onLocalbox,
  openConsent,
  readCodeFromPage,
  signInThroughConsentPage,
  submitConsent,
  TEST_REDIRECT_URI,
  type TokenAnswer,
  urlSafeState,
} from '../test-support/oauth.ts';

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox({
    account: { givenName: 'Ada', surname: 'Lovelace', email: 'ada@example.com' },
  });
});
afterAll(() => lb.stop());

describe('signing in with PKCE S256 through the consent page', () => {
  test('gives tokens that work against the API and echoes the state', async () => {
    const state = urlSafeState();
    const signedIn = await signInThroughConsentPage(lb, { state });

    expect(signedIn.state).toBe(state);
    expect(signedIn.redirectedTo?.startsWith(`${TEST_REDIRECT_URI}?code=`)).toBe(true);
    expect(signedIn.accessToken).toMatch(/^sl\./);
    expect(signedIn.refreshToken).toEqual(expect.any(String));
    expect(signedIn.expiresIn).toBe(4 * 60 * 60);
    expect(signedIn.scope).toBe(SCOPES);
    expect(signedIn.uid).toMatch(/^\d+$/);

    const dbx = new Dropbox({ accessToken: signedIn.accessToken, fetch: lb.fetch });
    const account = await dbx.usersGetCurrentAccount();
    expect(account.result.account_id).toBe(signedIn.accountId);
    expect(account.result.email).toBe('ada@example.com');
  });

  test('gives the same uid and account_id on every sign-in', async () => {
    const first = await signInThroughConsentPage(lb);
    const second = await signInThroughConsentPage(lb);
    expect(second.uid).toBe(first.uid);
    expect(second.accountId).toBe(first.accountId);
    expect(second.accessToken).not.toBe(first.accessToken);
  });

  test('answers the code exchange with no-store JSON in Dropbox field order', async () => {
    const { code, auth } = await getCodeThroughConsentPage(lb);
    const response = await lb.fetch(
      `https://api.dropboxapi.com/oauth2/token?grant_type=authorization_code&code=${code}` +
        `&client_id=${lb.box.appKey}&code_verifier=${auth.getCodeVerifier()}&redirect_uri=${TEST_REDIRECT_URI}`,
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const answer = (await response.json()) as TokenAnswer;
    expect(Object.keys(answer)).toEqual([
      'access_token',
      'token_type',
      'expires_in',
      'refresh_token',
      'scope',
      'uid',
      'account_id',
    ]);
    expect(answer.token_type).toBe('bearer');
  });
});

test('the consent page names the app and the account, with Allow and Deny', async () => {
  const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
  const sdkUrl = await auth.getAuthenticationUrl(
    TEST_REDIRECT_URI,
    'st',
    'code',
    'offline',
    undefined,
    'none',
    true,
  );
  const page = await fetch(onLocalbox(lb, sdkUrl));
  const html = await page.text();

  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(page.headers.get('x-frame-options')).toBe('DENY');
  // Started without an app name, as a standalone localbox is: the app is named by its key.
  expect(html).toContain(`The app with key ${lb.box.appKey} would like to access`);
  expect(html).toContain('<title>Allow this app to access localbox?</title>');
  expect(html).toContain('Ada Lovelace');
  expect(html).toContain('ada@example.com');
  expect(html).toMatch(/<form id="consent" method="post" action="\/oauth2\/authorize">/);
  expect(html).toMatch(/<button[^>]*id="allow"[^>]*name="decision"[^>]*value="allow"/);
  expect(html).toMatch(/<button[^>]*id="deny"[^>]*name="decision"[^>]*value="deny"/);
  expect(html).toMatch(/<input type="hidden" name="request_id" value="[A-Za-z0-9_-]{32}">/);
  // Self-contained: the CSP would block anything fetched, so nothing may be.
  expect(html).not.toMatch(/<script|<link|<img|src=|@import/i);
});

test('a localbox given an app name shows that name on its consent and code pages, escaped', async () => {
  const named = await startTestLocalbox({ appName: 'Opus <&> Co' });
  try {
    const auth = new DropboxAuth({ clientId: named.box.appKey, fetch: named.fetch });
    const consentUrl = onLocalbox(named, String(await auth.getAuthenticationUrl('', 'st', 'code')));
    const html = await (await fetch(consentUrl)).text();
    expect(html).toContain('<title>Allow Opus &lt;&amp;&gt; Co to access localbox?</title>');
    expect(html).toContain('Opus &lt;&amp;&gt; Co would like to access the files and folders');
    expect(html).not.toContain(named.box.appKey);

    const form = await openConsent(named, consentUrl);
    const codePage = await (await submitConsent(form, 'allow')).text();
    expect(codePage).toContain('Paste this code into Opus &lt;&amp;&gt; Co');
  } finally {
    await named.stop();
  }
});

test('plain PKCE: the verifier is the challenge', async () => {
  const verifier = `${urlSafeState()}${urlSafeState()}${urlSafeState()}`;
  const query = new URLSearchParams({
    client_id: lb.box.appKey,
    response_type: 'code',
    redirect_uri: TEST_REDIRECT_URI,
    token_access_type: 'offline',
    code_challenge: verifier,
    code_challenge_method: 'plain',
  });
  const form = await openConsent(lb, `https://www.dropbox.com/oauth2/authorize?${query}`);
  const location = (await submitConsent(form, 'allow')).headers.get('location') ?? '';
  const code = new URL(location).searchParams.get('code') ?? '';

  const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
  auth.setCodeVerifier(verifier);
  const exchanged = await auth.getAccessTokenFromCode(TEST_REDIRECT_URI, code);
  const answer = exchanged.result as TokenAnswer;
  expect(answer.refresh_token).toEqual(expect.any(String));
  const account = await new Dropbox({
    accessToken: answer.access_token,
    fetch: lb.fetch,
  }).usersGetCurrentAccount();
  expect(account.result.account_id).toBe(answer.account_id);
});

test('S256 follows RFC 7636 exactly (the example of its appendix B)', async () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const query = new URLSearchParams({
    client_id: lb.box.appKey,
    response_type: 'code',
    redirect_uri: TEST_REDIRECT_URI,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  const form = await openConsent(lb, `https://www.dropbox.com/oauth2/authorize?${query}`);
  const location = (await submitConsent(form, 'allow')).headers.get('location') ?? '';
  const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
  auth.setCodeVerifier(verifier);
  const exchanged = await auth.getAccessTokenFromCode(
    TEST_REDIRECT_URI,
    new URL(location).searchParams.get('code') ?? '',
  );
  expect(exchanged.status).toBe(200);
});

test('without a redirect URI the user copies the code from the page into the app', async () => {
  const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
  const sdkUrl = await auth.getAuthenticationUrl('', undefined, 'code', 'offline', undefined, 'none', true);
  expect(sdkUrl).not.toContain('redirect_uri');
  const form = await openConsent(lb, sdkUrl);
  const answer = await submitConsent(form, 'allow');
  expect(answer.status).toBe(200);
  expect(answer.headers.get('location')).toBeNull();
  const html = await answer.text();
  expect(html).toMatch(/<input id="code"[^>]* readonly /);
  const code = readCodeFromPage(html);

  const exchanged = await auth.getAccessTokenFromCode('', code);
  const tokens = exchanged.result as TokenAnswer;
  const dbx = new Dropbox({ accessToken: tokens.access_token, fetch: lb.fetch });
  expect((await dbx.usersGetCurrentAccount()).result.name.display_name).toBe('Ada Lovelace');

  const viaHelper = await signInThroughConsentPage(lb, { redirectUri: null });
  expect(viaHelper.redirectedTo).toBeUndefined();
  expect(viaHelper.refreshToken).toEqual(expect.any(String));
});

test.each(['online', 'legacy'] as const)('token_access_type=%s gives an access token only', async (type) => {
  const signedIn = await signInThroughConsentPage(lb, { tokenAccessType: type });
  expect(signedIn.refreshToken).toBeUndefined();
  const dbx = new Dropbox({ accessToken: signedIn.accessToken, fetch: lb.fetch });
  expect((await dbx.usersGetCurrentAccount()).result.account_id).toBe(signedIn.accountId);
});

test('asking for fewer scopes signs in with just those', async () => {
  const signedIn = await signInThroughConsentPage(lb, { scope: ['files.content.read', 'account_info.read'] });
  expect(signedIn.scope).toBe('account_info.read files.content.read');
  const dbx = new Dropbox({ accessToken: signedIn.accessToken, fetch: lb.fetch });
  expect((await dbx.usersGetCurrentAccount()).result.account_id).toBe(signedIn.accountId);
});

test('Deny sends the browser back with access_denied and the state', async () => {
  const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
  const state = urlSafeState();
  const form = await openConsent(
    lb,
    await auth.getAuthenticationUrl(TEST_REDIRECT_URI, state, 'code', 'offline', undefined, 'none', true),
  );
  const answer = await submitConsent(form, 'deny');
  expect(answer.status).toBe(302);
  const location = new URL(answer.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(TEST_REDIRECT_URI);
  expect(location.searchParams.get('error')).toBe('access_denied');
  expect(location.searchParams.get('error_description')).toMatch(/chose not to give your app access/);
  expect(location.searchParams.get('state')).toBe(state);
  expect(location.searchParams.has('code')).toBe(false);
});

test('Deny without a redirect URI shows a page saying access was denied', async () => {
  const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
  const form = await openConsent(
    lb,
    await auth.getAuthenticationUrl('', undefined, 'code', 'offline', undefined, 'none', true),
  );
  const answer = await submitConsent(form, 'deny');
  expect(answer.status).toBe(200);
  const html = await answer.text();
  expect(html).toContain('You denied access');
  expect(html).not.toContain('id="code"');
});

test('a consent request can be answered only once', async () => {
  const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
  const form = await openConsent(
    lb,
    await auth.getAuthenticationUrl(TEST_REDIRECT_URI, 'once', 'code', 'offline', undefined, 'none', true),
  );
  expect((await submitConsent(form, 'allow')).status).toBe(302);

  for (const choice of ['allow', 'deny'] as const) {
    const again = await submitConsent(form, choice);
    expect(again.status).toBe(400);
    expect(again.headers.get('location')).toBeNull();
    expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await again.text()).toContain('already answered');
  }
});

test('an unknown request_id or a missing decision is refused with a page', async () => {
  const post = (body: string) =>
    fetch(`${lb.box.url}/oauth2/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: lb.box.url },
      body,
      redirect: 'manual',
    });
  const unknown = await post('request_id=nope&decision=allow');
  expect(unknown.status).toBe(400);
  expect(await unknown.text()).toContain('expired');
  const undecided = await post('request_id=nope');
  expect(undecided.status).toBe(400);
  expect(await undecided.text()).toContain('Choose Allow or Deny');
});
