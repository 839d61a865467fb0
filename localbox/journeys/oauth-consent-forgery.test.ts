import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  type ConsentForm,
  openConsent,
  readCodeFromPage,
  submitConsent,
  TEST_REDIRECT_URI,
} from '../test-support/oauth.ts';
import { requestWithHost } from '../test-support/raw-http.ts';

/**
 * Attacks on the consent step from outside localbox's own page: a DNS-rebinding page (its requests
 * carry its own name in Host), a page on another origin posting Allow, and a script replaying a form.
 */

let lb: TestLocalbox;
let token: string;
beforeAll(async () => {
  lb = await startTestLocalbox();
  token = lb.box.issueTokens().access_token;
});
afterAll(() => lb.stop());

const authorizeUrl = (redirect = true) => {
  const query = new URLSearchParams({ client_id: lb.box.appKey, response_type: 'code' });
  if (redirect) query.set('redirect_uri', TEST_REDIRECT_URI);
  return `${lb.box.url}/oauth2/authorize?${query}`;
};

const withHost = (host: string | undefined, path: string, init?: Parameters<typeof requestWithHost>[3]) =>
  requestWithHost(lb.box.port, host, path, init);

describe('a Host that is not localbox’s own address', () => {
  test.each([
    ['a rebound name', 'evil.example'],
    ['a rebound name on the right port', 'evil.example:PORT'],
    ['another loopback port', '127.0.0.1:1'],
    ['a look-alike', 'localhost.evil.example:PORT'],
    ['the right address on no port', '127.0.0.1'],
  ])('%s is refused with 421 on the consent page, the token endpoint and the API', async (_what, host) => {
    const forged = host.replace('PORT', String(lb.box.port));
    const page = await withHost(forged, new URL(authorizeUrl()).pathname + new URL(authorizeUrl()).search);
    expect(page.status).toBe(421);
    expect(page.body).not.toContain(lb.box.appKey);
    const exchange = await withHost(forged, '/oauth2/token?grant_type=refresh_token', { method: 'POST' });
    expect(exchange.status).toBe(421);
    const api = await withHost(forged, '/2/users/get_current_account', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(421);
  });

  test('a request with no Host at all is refused too (Node answers 400 before localbox sees it)', async () => {
    expect((await withHost(undefined, '/oauth2/authorize')).status).toBe(400);
  });

  test.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT'])(
    '%s is localbox’s own and is served',
    async (host) => {
      const own = host.replace('PORT', String(lb.box.port));
      const api = await withHost(own, '/2/users/get_current_account', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(api.status).toBe(200);
    },
  );
});

/** Expects a refusal that issued nothing: no redirect with a code, no code page. */
async function expectNothingIssued(answer: Response, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('location')).toBeNull();
  const html = await answer.text();
  expect(html).not.toContain('id="code"');
}

describe('a consent POST that did not come from localbox’s own page', () => {
  let form: ConsentForm;
  beforeAll(async () => {
    form = await openConsent(lb, authorizeUrl());
  });

  test.each([
    ['another loopback port', 'http://127.0.0.1:1'],
    ['a rebound name', 'http://evil.example'],
    ['an opaque origin (a sandboxed frame)', 'null'],
    ['no Origin and no Referer', null],
  ])('from %s is refused with 403 and issues nothing', async (_what, origin) => {
    await expectNothingIssued(await submitConsent(form, 'allow', origin), 403);
  });

  test('a refused POST does not spend the request: the user can still click Allow on the page', async () => {
    const fresh = await openConsent(lb, authorizeUrl());
    await expectNothingIssued(await submitConsent(fresh, 'allow', 'http://127.0.0.1:1'), 403);
    const answer = await submitConsent(fresh, 'allow');
    expect(answer.status).toBe(302);
    expect(new URL(answer.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
  });

  test('an older browser that sends only a Referer from the page is accepted', async () => {
    const fresh = await openConsent(lb, authorizeUrl(false));
    const body = new URLSearchParams({ ...fresh.fields, decision: 'allow' });
    const answer = await fetch(fresh.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Referer: authorizeUrl(false) },
      body,
    });
    expect(answer.status).toBe(200);
    expect(readCodeFromPage(await answer.text())).toBeTruthy();
  });
});

describe('the one-time form token', () => {
  test('a POST with the request id but without the token is refused, and spends the request', async () => {
    const form = await openConsent(lb, authorizeUrl());
    const { form_token: _dropped, ...withoutToken } = form.fields;
    await expectNothingIssued(await submitConsent({ ...form, fields: withoutToken }, 'allow'), 400);
    await expectNothingIssued(await submitConsent(form, 'allow'), 400);
  });

  test('a token from another consent page does not answer this one', async () => {
    const mine = await openConsent(lb, authorizeUrl());
    const other = await openConsent(lb, authorizeUrl());
    const mixed = { ...mine, fields: { ...mine.fields, form_token: other.fields.form_token ?? '' } };
    await expectNothingIssued(await submitConsent(mixed, 'allow'), 400);
    expect((await submitConsent(other, 'allow')).status).toBe(302);
  });

  test('a reused token is refused: one page, one answer', async () => {
    const form = await openConsent(lb, authorizeUrl());
    expect((await submitConsent(form, 'allow')).status).toBe(302);
    await expectNothingIssued(await submitConsent(form, 'allow'), 400);
  });

  test('each page has its own token, distinct from its request id', async () => {
    const a = await openConsent(lb, authorizeUrl());
    const b = await openConsent(lb, authorizeUrl());
    expect(a.fields.form_token).toMatch(/^[\w-]{43}$/);
    expect(a.fields.form_token).not.toBe(b.fields.form_token);
    expect(a.fields.form_token).not.toBe(a.fields.request_id);
  });
});

describe('what a page on another origin can read or frame', () => {
  test('the consent page allows no CORS, no framing, no sniffing, and asks to be sent with our Origin', async () => {
    const page = await fetch(authorizeUrl(), { headers: { Origin: 'http://127.0.0.1:1' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(await page.text()).toContain('<meta name="referrer" content="same-origin">');
  });

  test.each([
    ['an API answer', '/2/users/get_current_account'],
    ['a token answer', '/oauth2/token'],
  ])('%s carries nosniff and same-origin resource policy, and no CORS', async (_what, path) => {
    const answer = await fetch(`${lb.box.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Origin: 'http://127.0.0.1:1' },
    });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
