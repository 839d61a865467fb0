import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LOOPBACK_REDIRECTS } from '../server/config.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { openConsent, readConsentForm, submitConsent, TEST_REDIRECT_URI } from '../test-support/oauth.ts';

/** The https redirects this app registered, as an App Console lists them, beside any loopback port. */
const REGISTERED_HTTPS = [
  'https://app.example/oauth/done?from=localbox',
  'https://app.example/oauth/done?from=local%20box',
];

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox({ redirectUris: [...LOOPBACK_REDIRECTS, ...REGISTERED_HTTPS] });
});
afterAll(() => lb.stop());

const S256_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

/** Opens /oauth2/authorize as a browser would, with the app's parameters properly encoded. */
async function authorize(params: Record<string, string>, on: TestLocalbox = lb) {
  const query = new URLSearchParams({ client_id: on.box.appKey, response_type: 'code', ...params });
  const url = `${on.box.url}/oauth2/authorize?${query}`;
  const response = await fetch(url, { redirect: 'manual' });
  return { url, response, html: await response.text(), location: response.headers.get('location') };
}

describe('what the browser is never redirected for', () => {
  test.each([
    ['plain http to another host', 'http://evil.example:8080/callback'],
    ['plain http to a LAN address', 'http://192.168.1.20:53682/callback'],
    ['loopback without a port', 'http://127.0.0.1/callback'],
    ['a look-alike loopback host', 'http://127.0.0.1.evil.example:53682/callback'],
    ['user info hiding another host', 'https://127.0.0.1:53682@evil.example/callback'],
    ['a fragment', 'https://app.example/callback#frag'],
    ['a javascript: URI', 'javascript:alert(1)'],
    ['a relative path', '/callback'],
    ['an empty value', ''],
  ])('%s as redirect_uri is a 400 page', async (_what, redirectUri) => {
    const { response, html, location } = await authorize({ redirect_uri: redirectUri, state: 'st' });
    expect(response.status).toBe(400);
    expect(location).toBeNull();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('Invalid redirect URI');
  });

  test('an unknown client_id is a 400 page even with a good redirect URI', async () => {
    const { response, html, location } = await authorize({
      client_id: 'notmyapp',
      redirect_uri: TEST_REDIRECT_URI,
    });
    expect(response.status).toBe(400);
    expect(location).toBeNull();
    expect(html).toContain('Unknown app');
  });

  test('a missing client_id is a 400 page', async () => {
    const response = await fetch(`${lb.box.url}/oauth2/authorize?response_type=code`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('&quot;client_id&quot; is missing');
  });

  test.each([
    ['token', 'not supported'],
    ['id_token', 'must be &quot;code&quot;'],
  ])('response_type=%s is a 400 page', async (responseType, message) => {
    const { response, html, location } = await authorize({
      response_type: responseType,
      redirect_uri: TEST_REDIRECT_URI,
    });
    expect(response.status).toBe(400);
    expect(location).toBeNull();
    expect(html).toContain(message);
  });
});

test.each([
  'http://localhost:8080/cb',
  'http://[::1]:53682/callback',
  'http://127.0.0.1:53682',
  'https://app.example/oauth/done?from=localbox',
])('%s is an accepted redirect URI', async (redirectUri) => {
  const { response, html } = await authorize({ redirect_uri: redirectUri });
  expect(response.status).toBe(200);
  expect(html).toContain('id="consent"');
});

test('the code is appended to a redirect URI that has a query of its own, which is kept as sent', async () => {
  const redirectUri = 'https://app.example/oauth/done?from=local%20box';
  const { url, html } = await authorize({ redirect_uri: redirectUri, state: 'abc' });
  const answer = await submitConsent(readConsentForm(html, url), 'allow');
  expect(answer.headers.get('location')).toMatch(
    /^https:\/\/app\.example\/oauth\/done\?from=local%20box&code=[\w-]+&state=abc$/,
  );
});

describe('other mistakes go back to the app as invalid_request', () => {
  test.each([
    [
      'an unknown token_access_type',
      { token_access_type: 'forever' },
      '"token_access_type" must be one of offline, online, legacy.',
    ],
    ['a short S256 challenge', { code_challenge: 'abc', code_challenge_method: 'S256' }, /43 base64url/],
    [
      'an S256 challenge one character too long',
      { code_challenge: `${S256_CHALLENGE}A`, code_challenge_method: 'S256' },
      /43 base64url/,
    ],
    [
      'an unknown challenge method',
      { code_challenge: S256_CHALLENGE, code_challenge_method: 'S512' },
      /S256 or plain/,
    ],
    ['a method without a challenge', { code_challenge_method: 'S256' }, /without "code_challenge"/],
    [
      'a plain challenge that is too short',
      { code_challenge: 'short', code_challenge_method: 'plain' },
      /43 to 128/,
    ],
    [
      'a plain challenge that is too long',
      { code_challenge: 'a'.repeat(129), code_challenge_method: 'plain' },
      /43 to 128/,
    ],
  ])('%s', async (_what, params: Record<string, string>, description: RegExp | string) => {
    const { response, location } = await authorize({
      redirect_uri: TEST_REDIRECT_URI,
      state: 'keep-me',
      ...params,
    });
    expect(response.status).toBe(302);
    const back = new URL(location ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(TEST_REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(description);
    expect(back.searchParams.get('state')).toBe('keep-me');
  });

  test('a state over 500 bytes is refused and not echoed', async () => {
    const { location } = await authorize({ redirect_uri: TEST_REDIRECT_URI, state: 'é'.repeat(251) });
    const back = new URL(location ?? '');
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toBe('"state" must be at most 500 bytes.');
    expect(back.searchParams.has('state')).toBe(false);
  });

  test('a state of exactly 500 bytes comes back with an error too', async () => {
    const state = 'é'.repeat(250);
    const { location } = await authorize({
      redirect_uri: TEST_REDIRECT_URI,
      state,
      token_access_type: 'forever',
    });
    const back = new URL(location ?? '');
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe(state);
  });

  test('a state of exactly 500 bytes is fine and comes back verbatim', async () => {
    const state = `${'é'.repeat(248)}/+ x`;
    const { url, html } = await authorize({ redirect_uri: TEST_REDIRECT_URI, state });
    const back = new URL(
      (await submitConsent(readConsentForm(html, url), 'allow')).headers.get('location') ?? '',
    );
    expect(back.searchParams.get('state')).toBe(state);
  });

  test('without a redirect URI there is nowhere to go back to: a 400 page', async () => {
    const { response, location, html } = await authorize({ token_access_type: 'forever' });
    expect(response.status).toBe(400);
    expect(location).toBeNull();
    expect(html).toContain('token_access_type');
  });
});

test('parameters localbox does not act on are tolerated', async () => {
  const { response } = await authorize({
    redirect_uri: TEST_REDIRECT_URI,
    scope: 'files.content.read account_info.read',
    include_granted_scopes: 'user',
    force_reapprove: 'true',
    force_reauthentication: 'false',
    disable_signup: 'true',
    require_role: 'personal',
    locale: 'fr',
  });
  expect(response.status).toBe(200);
});

describe('nothing from the request is reflected as markup', () => {
  test('a hostile client_id is escaped on the error page', async () => {
    const { html } = await authorize({ client_id: '<script>alert(1)</script>' });
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('a hostile redirect URI is escaped on the error page', async () => {
    const { html } = await authorize({ redirect_uri: 'http://x"><script>alert(1)</script>:1/' });
    expect(html).not.toContain('<script');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  test('a hostile state never reaches the page and returns intact, percent-encoded, in the redirect', async () => {
    const state = '"><script>alert(1)</script>';
    const { url, html } = await authorize({ redirect_uri: TEST_REDIRECT_URI, state });
    expect(html).not.toContain('<script');
    const answer = await submitConsent(readConsentForm(html, url), 'allow');
    const location = answer.headers.get('location') ?? '';
    expect(location).not.toMatch(/[<>"]/);
    expect(new URL(location).searchParams.get('state')).toBe(state);
  });

  test('a hostile account name is escaped on the consent page', async () => {
    const other = await startTestLocalbox({
      account: { givenName: '<img src=x onerror=alert(1)>', surname: '&', email: '"quoted"@example.com' },
    });
    try {
      const query = new URLSearchParams({ client_id: other.box.appKey, response_type: 'code' });
      const html = await (await fetch(`${other.box.url}/oauth2/authorize?${query}`)).text();
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp;');
      expect(html).toContain('&quot;quoted&quot;@example.com');
      // Still a working form after escaping.
      const form = await openConsent(other, `${other.box.url}/oauth2/authorize?${query}`);
      expect(form.fields.request_id).toMatch(/^[\w-]{32}$/);
    } finally {
      await other.stop();
    }
  });
});

test('other methods are refused with a 400 text answer', async () => {
  const response = await fetch(`${lb.box.url}/oauth2/authorize`, { method: 'PUT' });
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
});

describe('redirect URIs the app did not register', () => {
  test('the issue’s example: an error before consent is shown, not sent to an unregistered https URI', async () => {
    const response = await fetch(
      `${lb.box.url}/oauth2/authorize?client_id=${lb.box.appKey}&response_type=code&redirect_uri=https://evil.example/&token_access_type=zzz`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('not a redirect URI registered for this app');
  });

  test.each([
    ['an unregistered https URI', 'https://evil.example/callback'],
    ['a registered one with another query', 'https://app.example/oauth/done?from=localbox&x=1'],
    ['a registered one on another host', 'https://app.example.evil.example/oauth/done?from=localbox'],
  ])('%s gets a 400 page and never a consent form', async (_what, redirectUri) => {
    const { response, html, location } = await authorize({ redirect_uri: redirectUri, state: 'st' });
    expect(response.status).toBe(400);
    expect(location).toBeNull();
    expect(html).not.toContain('id="consent"');
  });

  test('without --redirect-uri only loopback is registered: any https URI is refused', async () => {
    const bare = await startTestLocalbox();
    const status = async (redirectUri: string) =>
      (await authorize({ redirect_uri: redirectUri }, bare)).response.status;
    try {
      expect(await status('https://app.example/oauth/done?from=localbox')).toBe(400);
      expect(await status('http://127.0.0.1:40111/anything')).toBe(200);
    } finally {
      await bare.stop();
    }
  });

  test('a loopback registration with a path allows any port (RFC 8252 §7.3) but only that host and path', async () => {
    const app = await startTestLocalbox({ redirectUris: ['http://127.0.0.1/callback'] });
    const status = async (redirectUri: string) =>
      (await authorize({ redirect_uri: redirectUri }, app)).response.status;
    try {
      expect(await status('http://127.0.0.1:53682/callback')).toBe(200);
      expect(await status('http://127.0.0.1:61000/callback')).toBe(200);
      expect(await status('http://127.0.0.1:53682/other')).toBe(400);
      expect(await status('http://localhost:53682/callback')).toBe(400);
      expect(await status('https://127.0.0.1:53682/callback')).toBe(400);
    } finally {
      await app.stop();
    }
  });
});
