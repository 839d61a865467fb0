import { afterAll, beforeAll, expect, test } from 'vitest';
import { RENDERER_CSP } from '../common/renderer-csp.ts';
import { SECRET_HEADER } from './page-protocol.ts';
import { type HostUnderTest, PLANTED, startHostUnderTest } from './test-support/browser-host.ts';

let t: HostUnderTest;
beforeAll(async () => {
  t = await startHostUnderTest();
});
afterAll(() => t?.close());

const call = (name: string, headers: Record<string, string>, body = '{}') =>
  t.raw(`/api/call/${name}`, { method: 'POST', headers, body });

test('binds 127.0.0.1 only and prints a URL that carries the launch secret', () => {
  expect(t.host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(t.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
});

test('serves the renderer with window.opus first and a strict CSP', async () => {
  const page = await t.raw('/');
  expect(page.status).toBe(200);
  // First in <head>, deferred: it still runs before the renderer's module scripts (document order).
  expect(page.body).toMatch(/<head>\n<script defer src="\/__opus\/bridge.js"><\/script>/);
  expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
  expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  const bridge = await t.raw('/__opus/bridge.js');
  expect(bridge.status).toBe(200);
  expect(bridge.body).toContain('saveDocument');
});

test("the page's CSP is the one Electron's app:// protocol sends, on the page, the bridge and the assets", async () => {
  for (const path of ['/', '/__opus/bridge.js', '/assets/app.js']) {
    const answer = await t.raw(path);
    expect(answer.headers['content-security-policy'], path).toBe(RENDERER_CSP);
  }
});

test('every answer says nosniff and same-origin only: calls, the event stream, redirects and errors', async () => {
  const answers = {
    call: await call('getAppInfo', t.own()),
    refused: await call('getAppInfo', { ...t.own(), [SECRET_HEADER]: 'guess' }),
    'not JSON': await call('getAppInfo', { ...t.own(), 'Content-Type': 'text/plain' }),
    'not found': await t.raw('/missing.js'),
    'foreign host': await t.raw('/', { headers: { Host: 'evil.example' } }),
    redirect: await t.raw(`/?secret=${t.secret}`),
    page: await t.raw('/'),
  };
  for (const [what, answer] of Object.entries(answers)) {
    expect(answer.headers['x-content-type-options'], what).toBe('nosniff');
    expect(answer.headers['cross-origin-resource-policy'], what).toBe('same-origin');
  }
  const stream = await fetch(`${t.host.origin}/api/events`, { headers: { [SECRET_HEADER]: t.secret } });
  expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
  expect(stream.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  await stream.body?.cancel();
});

test('refuses a foreign Host header (DNS rebinding), even with the secret', async () => {
  const port = new URL(t.host.origin).port;
  expect((await t.raw('/', { headers: { Host: `evil.example:${port}` } })).status).toBe(421);
  expect((await call('getAppInfo', { ...t.own(), Host: `evil.example:${port}` })).status).toBe(421);
  expect((await t.raw('/', { headers: { Host: `localhost:${Number(port) + 1}` } })).status).toBe(421);
});

test('answers to localhost:<its port> as to 127.0.0.1, in the Host and the Origin alike', async () => {
  const port = new URL(t.host.origin).port;
  const viaLocalhost = await call('getAppInfo', {
    ...t.own(),
    Host: `localhost:${port}`,
    Origin: `http://localhost:${port}`,
  });
  expect(viaLocalhost.status).toBe(200);
  expect(JSON.parse(viaLocalhost.body)).toMatchObject({ ok: true });
  expect((await t.raw('/', { headers: { Host: `LOCALHOST:${port}` } })).status).toBe(200);
  const otherPort = await call('getAppInfo', { ...t.own(), Origin: `http://localhost:${Number(port) + 1}` });
  expect(otherPort.status).toBe(403);
});

test('a HEAD or GET of the page without an Origin is answered, as browsers send them so', async () => {
  for (const method of ['HEAD', 'GET']) {
    const answer = await t.raw('/', { method });
    expect(answer.status, method).toBe(200);
    expect(answer.headers['content-type'], method).toBe('text/html; charset=utf-8');
  }
});

test('refuses calls and event streams from a foreign Origin', async () => {
  expect((await call('getAppInfo', { ...t.own(), Origin: 'https://evil.example' })).status).toBe(403);
  const stream = await t.raw('/api/events', { headers: { ...t.own(), Origin: 'https://evil.example' } });
  expect(stream.status).toBe(403);
});

test('answers contract calls as envelopes, and only when they are JSON', async () => {
  const ok = await call('getAppInfo', t.own());
  expect(JSON.parse(ok.body)).toEqual({
    ok: true,
    value: { provider: 'localbox', version: '0.0.0-test', platform: process.platform, nativeDialogs: false },
  });
  expect((await call('getAppInfo', { ...t.own(), 'Content-Type': 'text/plain' })).status).toBe(415);
  const { Origin: _, ...noOrigin } = t.own();
  expect((await call('getAppInfo', noOrigin)).status).toBe(403);
  const invalid = await call('openDocument', t.own(), '{"path":"no-slash"}');
  expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
});

test('a command name with a malformed % escape is a bad request, not an internal error', async () => {
  for (const name of ['getAppInfo%', '%E0%A4%A', 'get%zzAppInfo']) {
    const answer = await call(name, t.own());
    expect(answer.status, name).toBe(400);
  }
});

test('a method a route does not take is refused with 405', async () => {
  expect((await t.raw('/api/call/getAppInfo', { headers: t.own() })).status).toBe(405);
  expect((await t.raw('/api/events', { method: 'POST', headers: t.own(), body: '{}' })).status).toBe(405);
  expect((await t.raw('/', { method: 'PUT', headers: t.own(), body: 'x' })).status).toBe(405);
  expect((await t.raw('/assets/app.js', { method: 'DELETE', headers: t.own() })).status).toBe(405);
});

test('a call that announces a body over the limit is refused with 413 before it is read', async () => {
  const announced = await call('getAppInfo', { ...t.own(), 'Content-Length': String(211 * 1024 * 1024) }, '');
  expect(announced.status).toBe(413);
}, 5_000);

test.each([
  '/../secret.txt',
  '/%2e%2e/secret.txt',
  '/..%2fsecret.txt',
  '/%2e%2e%2fsecret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '/..%2frenderer-secrets%2ftoken',
  '/..%5csecret.txt',
  '/%00index.html',
  '/%E0%A4%A',
])('%s does not serve a file planted beside the renderer folder', async (path) => {
  const answer = await t.raw(path);
  expect(answer.status).toBe(404);
  expect(answer.body).not.toContain(PLANTED);
});

test('pushes core events to the page over server-sent events', async () => {
  const response = await fetch(`${t.host.origin}/api/events`, { headers: { [SECRET_HEADER]: t.secret } });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  t.core.push('connectionChanged', { online: false });
  let text = '';
  while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
  expect(text).toBe('event: connectionChanged\ndata: {"online":false}\n\n');
  await reader.cancel();
});
