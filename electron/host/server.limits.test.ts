import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SECRET_HEADER } from './page-protocol.ts';
import { type HostUnderTest, startHostUnderTest } from './test-support/browser-host.ts';

// Short limits so the test sees them act; the defaults (HOST_LIMITS) only differ in the numbers.
const HEADERS_MS = 500;
const REQUEST_MS = 1_500;

let t: HostUnderTest;
beforeAll(async () => {
  t = await startHostUnderTest({
    headersTimeoutMs: HEADERS_MS,
    requestTimeoutMs: REQUEST_MS,
    checkEveryMs: 100,
    callBodyBytes: 1024,
  });
});
afterAll(() => t?.close());

/** Opens a socket and sends `start` at once, then `trickle` one byte every 100 ms: when is it cut? */
function trickling(start: string, trickle: string): Promise<{ cutAfterMs: number; answer: string }> {
  const began = Date.now();
  const socket: Socket = connect(Number(new URL(t.host.origin).port), '127.0.0.1');
  let answer = '';
  let sent = 0;
  socket.write(start);
  const timer = setInterval(() => {
    if (!socket.destroyed && sent < trickle.length) socket.write(trickle[sent++] as string);
  }, 100);
  socket.on('data', (chunk) => {
    answer += chunk.toString();
  });
  return new Promise((resolve) => {
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ cutAfterMs: Date.now() - began, answer });
    });
    socket.on('error', () => {});
  });
}

test('a client trickling its headers is cut once the headers time is up', async () => {
  const { cutAfterMs, answer } = await trickling(
    'GET / HTTP/1.1\r\n',
    `Host: ${t.hostHeader}\r\n${'X-Slow: y\r\n'.repeat(40)}`,
  );
  expect(cutAfterMs).toBeGreaterThanOrEqual(HEADERS_MS);
  // Before the request time: the headers' own limit cut it.
  expect(cutAfterMs).toBeLessThan(REQUEST_MS);
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
});

test('a client trickling a body is cut once the request time is up, and the event stream stays open', async () => {
  const stream = await fetch(`${t.host.origin}/api/events`, { headers: { [SECRET_HEADER]: t.secret } });
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  const headers = Object.entries({ ...t.own(), Host: t.hostHeader, 'Content-Length': '1000' })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const { cutAfterMs } = await trickling(
    `POST /api/call/getAppInfo HTTP/1.1\r\n${headers}\r\n`,
    ' '.repeat(1000),
  );
  expect(cutAfterMs).toBeGreaterThanOrEqual(REQUEST_MS);
  expect(cutAfterMs).toBeLessThan(REQUEST_MS + 1_000);
  // Open for longer than both limits, the stream still delivers.
  t.core.push('connectionChanged', { online: true });
  let text = '';
  while (!text.includes('connectionChanged')) text += new TextDecoder().decode((await reader.read()).value);
  expect(text).toContain('data: {"online":true}');
  await reader.cancel();
});

test('a call whose streamed body goes over the limit is refused with 413 and its connection closed', async () => {
  const answer = await t.raw('/api/call/getAppInfo', {
    method: 'POST',
    headers: { ...t.own(), 'Transfer-Encoding': 'chunked' },
    body: JSON.stringify({ padding: 'x'.repeat(2048) }),
  });
  expect(answer.status).toBe(413);
  expect(answer.headers.connection).toBe('close');
});
