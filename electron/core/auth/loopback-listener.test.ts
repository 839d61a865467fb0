import { afterEach, expect, test } from 'vitest';
import { isOpusError, type OpusError } from '../errors.ts';
import { type LoopbackListener, startLoopbackListener } from './loopback-listener.ts';
import { land, withParam } from './test-support/browser.ts';
import { expectConnectionRefused, freePort, occupyPort } from './test-support/ports.ts';
import { recordingLog } from './test-support/recording-log.ts';

const STATE = 'the-state-this-sign-in-sent';
const opened: LoopbackListener[] = [];

async function listen(options: Partial<Parameters<typeof startLoopbackListener>[0]> = {}) {
  const listener = await startLoopbackListener({ state: STATE, ports: [0], ...options });
  opened.push(listener);
  return listener;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((listener) => listener.close()));
});

const callback = (listener: LoopbackListener, params: Record<string, string>) =>
  `${listener.redirectUri}?${new URLSearchParams(params)}`;

async function rejection(promise: Promise<unknown>): Promise<OpusError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isOpusError(error)) throw new Error(`expected an OpusError, got ${String(error)}`);
  return error;
}

test('listens on 127.0.0.1 only, at /callback', async () => {
  const listener = await listen();
  expect(listener.address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
  expect(listener.redirectUri).toBe(`http://127.0.0.1:${listener.address.port}/callback`);
});

test('takes the first free port of the list, skipping one another program holds', async () => {
  const taken = await occupyPort();
  try {
    const free = await freePort();
    const listener = await listen({ ports: [taken.port, free, 0] });
    expect(listener.address.port).toBe(free);
  } finally {
    await taken.release();
  }
});

test('says so, and does not fall back to a random port, when every listed port is taken', async () => {
  const taken = await occupyPort();
  try {
    const error = await rejection(listen({ ports: [taken.port] }));
    expect(error.message).toContain(String(taken.port));
    expect(error.message).toMatch(/pasting a code/);
  } finally {
    await taken.release();
  }
});

test('refuses a wrong or missing state, keeps waiting, then takes the right callback and closes', async () => {
  const log = recordingLog();
  const listener = await listen({ log });
  const good = callback(listener, { code: 'the-code', state: STATE });

  const wrong = await land(withParam(good, 'state', 'forged'));
  expect(wrong.status).toBe(400);
  expect(wrong.html).toContain('not the one Opus is waiting for');
  expect((await land(withParam(good, 'state', undefined))).status).toBe(400);
  expect((await land(`${listener.redirectUri.replace('/callback', '/favicon.ico')}`)).status).toBe(404);

  const right = await land(good);
  expect(right.status).toBe(200);
  expect(right.html).toContain('You can close this tab and return to Opus');
  expect(right.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
  expect(right.headers.get('cache-control')).toBe('no-store');
  expect(right.headers.get('referrer-policy')).toBe('no-referrer');
  await expect(listener.code).resolves.toBe('the-code');

  await listener.closed;
  await expectConnectionRefused(good);
  expect(log.lines.join('\n')).not.toContain('the-code');
  expect(log.lines.join('\n')).not.toContain(STATE);
});

test('a denial in the browser ends the wait with a signed_out error the person can read', async () => {
  const listener = await listen();
  const denied = callback(listener, { error: 'access_denied', error_description: 'no', state: STATE });
  const page = await land(denied);
  expect(page.status).toBe(200);
  expect(page.html).toContain('Opus was not connected');
  const error = await rejection(listener.code);
  expect(error.kind).toBe('signed_out');
  expect(error.message).toMatch(/chose not to give Opus access/);
  await listener.closed;
});

test('a denial without the right state is not believed', async () => {
  const listener = await listen();
  const forged = await land(callback(listener, { error: 'access_denied', state: 'forged' }));
  expect(forged.status).toBe(400);
  await land(callback(listener, { code: 'still-good', state: STATE }));
  await expect(listener.code).resolves.toBe('still-good');
});

test('another OAuth error ends the wait as invalid_request, with what Dropbox said', async () => {
  const listener = await listen();
  await land(callback(listener, { error: 'invalid_scope', error_description: 'bad scope', state: STATE }));
  const error = await rejection(listener.code);
  expect(error.kind).toBe('invalid_request');
  expect(error.message).toContain('bad scope');
});

test('gives up after the timeout and releases the port', async () => {
  const listener = await listen({ timeoutMs: 50 });
  const error = await rejection(listener.code);
  expect(error.kind).toBe('signed_out');
  expect(error.message).toMatch(/timed out/);
  await listener.closed;
  await expectConnectionRefused(listener.redirectUri);
});

test('stops when its AbortSignal fires', async () => {
  const controller = new AbortController();
  const listener = await listen({ signal: controller.signal });
  controller.abort();
  expect((await rejection(listener.code)).message).toMatch(/cancelled/);
  await listener.closed;
  await expectConnectionRefused(listener.redirectUri);
});

test('does not start at all with an already aborted signal', async () => {
  const error = await rejection(listen({ signal: AbortSignal.abort() }));
  expect(error.kind).toBe('signed_out');
});
