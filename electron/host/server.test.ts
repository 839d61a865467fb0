import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundleBrowser } from '../../scripts/build-node.mjs';
import { RENDERER_CSP } from '../common/renderer-csp.ts';
import type { CoreService, EventListener } from '../core/wiring/core-service.ts';
import { dispatch, type Handlers } from '../core/wiring/dispatch.ts';
import { type BrowserHost, startBrowserHost } from './server.ts';

/** A core with one real handler behind the real contract dispatcher: this file tests the transport. */
function smallCore(): CoreService & { push: EventListener } {
  const listeners = new Set<EventListener>();
  const handlers = {
    getAppInfo: () => ({
      provider: 'localbox',
      version: '0.0.0-test',
      platform: process.platform,
      nativeDialogs: false,
    }),
  } as unknown as Handlers;
  return {
    call: (name, request) => dispatch(handlers, name, request),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
    push: (name, payload) => {
      for (const listener of listeners) listener(name, payload);
    },
  };
}

let host: BrowserHost;
let core: ReturnType<typeof smallCore>;
let rendererDir: string;
let cookie: string;

/** Raw HTTP, so tests can send the Host and Origin headers a browser (or an attacker's page) would. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const url = new URL(host.origin);
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'opus-renderer-'));
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>Opus</title></head><body>app</body></html>',
  );
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("renderer")');
  const [bridgeFile] = await bundleBrowser();
  core = smallCore();
  host = await startBrowserHost({ core, rendererDir, bridgeFile: bridgeFile as string });
  const secret = new URL(host.url).searchParams.get('secret') ?? '';
  const answer = await raw(`/?secret=${secret}`, { headers: { Host: new URL(host.origin).host } });
  cookie = String(answer.headers['set-cookie']).split(';')[0] ?? '';
});

afterAll(async () => {
  await host?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

const own = () => ({ Host: new URL(host.origin).host, Cookie: cookie });

test('binds 127.0.0.1 only and prints a URL that carries the launch secret', () => {
  expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(new URL(host.url).searchParams.get('secret')).toMatch(/^[A-Za-z0-9_-]{43}$/);
});

test('trades the secret for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
  const secret = new URL(host.url).searchParams.get('secret') ?? '';
  const answer = await raw(`/?secret=${secret}`, { headers: { Host: new URL(host.origin).host } });
  expect(answer.status).toBe(303);
  expect(answer.headers.location).toBe('/');
  expect(String(answer.headers['set-cookie'])).toMatch(
    /^opus_secret=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
  );
});

test('refuses every request without the secret, or with a wrong one', async () => {
  const host_ = { Host: new URL(host.origin).host };
  expect((await raw('/', { headers: host_ })).status).toBe(403);
  expect((await raw('/app.js', { headers: host_ })).status).toBe(403);
  expect((await raw('/?secret=wrong', { headers: host_ })).status).toBe(403);
  const call = await raw('/api/call/getAppInfo', {
    method: 'POST',
    headers: { ...host_, 'Content-Type': 'application/json', Cookie: 'opus_secret=guess' },
    body: '{}',
  });
  expect(call.status).toBe(403);
});

test('serves the renderer with window.opus first and a strict CSP', async () => {
  const page = await raw('/', { headers: own() });
  expect(page.status).toBe(200);
  // First in <head>, deferred: it still runs before the renderer's module scripts (document order).
  expect(page.body).toMatch(/<head>\n<script defer src="\/__opus\/bridge.js"><\/script>/);
  expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
  expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  const bridge = await raw('/__opus/bridge.js', { headers: own() });
  expect(bridge.status).toBe(200);
  expect(bridge.body).toContain('saveDocument');
});

test("the page's CSP is the one Electron's app:// protocol sends, on the page, the bridge and the assets", async () => {
  for (const path of ['/', '/__opus/bridge.js', '/app.js']) {
    const answer = await raw(path, { headers: own() });
    expect(answer.headers['content-security-policy'], path).toBe(RENDERER_CSP);
  }
});

test('refuses a foreign Host header (DNS rebinding), even with the cookie', async () => {
  const answer = await raw('/', { headers: { ...own(), Host: `evil.example:${new URL(host.origin).port}` } });
  expect(answer.status).toBe(421);
});

test('refuses calls and event streams from a foreign Origin', async () => {
  const call = await raw('/api/call/getAppInfo', {
    method: 'POST',
    headers: { ...own(), Origin: 'https://evil.example', 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(call.status).toBe(403);
  const stream = await raw('/api/events', { headers: { ...own(), Origin: 'https://evil.example' } });
  expect(stream.status).toBe(403);
});

test('answers contract calls as envelopes, and only when they are JSON', async () => {
  const ok = await raw('/api/call/getAppInfo', {
    method: 'POST',
    headers: { ...own(), Origin: host.origin, 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(JSON.parse(ok.body)).toEqual({
    ok: true,
    value: { provider: 'localbox', version: '0.0.0-test', platform: process.platform, nativeDialogs: false },
  });
  const form = await raw('/api/call/getAppInfo', {
    method: 'POST',
    headers: { ...own(), Origin: host.origin, 'Content-Type': 'text/plain' },
    body: '{}',
  });
  expect(form.status).toBe(415);
  const noOrigin = await raw('/api/call/getAppInfo', {
    method: 'POST',
    headers: { ...own(), 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(noOrigin.status).toBe(403);
  const invalid = await raw('/api/call/openDocument', {
    method: 'POST',
    headers: { ...own(), Origin: host.origin, 'Content-Type': 'application/json' },
    body: '{"path":"no-slash"}',
  });
  expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
});

test('never serves a file outside the renderer folder', async () => {
  for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%00index.html']) {
    const answer = await raw(path, { headers: own() });
    expect(answer.status, path).toBe(404);
  }
});

test('pushes core events to the page over server-sent events', async () => {
  const response = await fetch(`${host.origin}/api/events`, { headers: { Cookie: cookie } });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  core.push('connectionChanged', { online: false });
  let text = '';
  while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
  expect(text).toBe('event: connectionChanged\ndata: {"online":false}\n\n');
  await reader.cancel();
});
