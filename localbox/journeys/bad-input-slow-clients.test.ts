import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';

// Slow clients (slowloris): many connections that send a request a byte at a time must neither stay
// open forever nor crowd out a client that holds a valid token.

const LIMITS = { unauthenticatedRequestMs: 1500, unauthenticatedConnections: 32, headersTimeoutMs: 1500 };

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox({ limits: LIMITS });
});
afterAll(() => lb.stop());

interface Trickler {
  socket: Socket;
  /** The status of the answer, once one came. */
  status: Promise<number | undefined>;
  /** Milliseconds from the start until localbox closed the connection. */
  closedAfter: Promise<number>;
}

/** Sends `head`, then one byte of `drip` every 100 ms, until localbox answers or hangs up. */
function trickle(head: string, drip: string): Trickler {
  const started = performance.now();
  const socket = connect(lb.box.port, '127.0.0.1');
  let timer: NodeJS.Timeout | undefined;
  let sent = 0;
  socket.once('connect', () => {
    socket.write(head);
    timer = setInterval(() => {
      if (sent < drip.length && socket.writable) socket.write(drip[sent++] ?? '');
    }, 100);
  });
  socket.on('error', () => undefined);
  const closedAfter = new Promise<number>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve(performance.now() - started);
    }),
  );
  const status = new Promise<number | undefined>((resolve) => {
    socket.once('data', (chunk) => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString())?.[1])));
    socket.once('close', () => resolve(undefined));
  });
  return { socket, status, closedAfter };
}

const tokenRequest = (port: number) =>
  trickle(
    `POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n',
    `grant_type=authorization_code&code=${'x'.repeat(1000)}`,
  );

test('50 clients trickling a body to /oauth2/token: 32 are let in and cut off, the rest refused at once, and a token holder is served meanwhile', async () => {
  const clients = Array.from({ length: 50 }, () => tokenRequest(lb.box.port));
  await new Promise((resolve) => setTimeout(resolve, 300));

  const token = lb.box.issueTokens().access_token;
  const started = performance.now();
  const served = await fetch(`${lb.box.url}/2/users/get_current_account`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(served.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1000);

  // A newcomer without a token meets the cap too, with a clean answer rather than a hang.
  const newcomer = await fetch(`${lb.box.url}/oauth2/token`, { method: 'POST' });
  expect(newcomer.status).toBe(503);
  expect(newcomer.headers.get('retry-after')).toBe('1');

  const statuses = await Promise.all(clients.map((client) => client.status));
  const closed = await Promise.all(clients.map((client) => client.closedAfter));
  expect(statuses.filter((status) => status === 503)).toHaveLength(18);
  expect(statuses.filter((status) => status === 408)).toHaveLength(32);
  // Every connection is gone soon after the deadline, not whenever the client chooses to stop.
  expect(Math.max(...closed)).toBeLessThan(LIMITS.unauthenticatedRequestMs + 1500);

  // Once they are gone, a client without a token is served again.
  await new Promise((r) => setTimeout(r, 500));
  const after = await fetch(`${lb.box.url}/oauth2/token`, { method: 'POST' });
  expect(after.status).toBe(400);
}, 20_000);

test('a client trickling its headers is cut off after the headers timeout', async () => {
  const slow = trickle(
    'GET /oauth2/authorize HTTP/1.1\r\n',
    `Host: 127.0.0.1:${lb.box.port}\r\nX-Slow: ${'y'.repeat(100)}`,
  );
  const closedAfter = await slow.closedAfter;
  expect(closedAfter).toBeLessThan(LIMITS.headersTimeoutMs + 2500);
}, 10_000);
