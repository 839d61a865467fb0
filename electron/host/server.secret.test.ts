import { afterAll, beforeAll, expect, test } from 'vitest';
import { SECRET_HEADER } from './page-protocol.ts';
import {
  type HostUnderTest,
  secretHandedOver,
  startHostUnderTest,
  ticketOf,
} from './test-support/browser-host.ts';

let t: HostUnderTest;
beforeAll(async () => {
  t = await startHostUnderTest();
});
afterAll(() => t?.close());

const getAppInfo = (headers: Record<string, string>) =>
  t.raw('/api/call/getAppInfo', { method: 'POST', headers, body: '{}' });

test('the printed address answers 303 to the page with a one-time ticket, never the secret, and no-store', async () => {
  const answer = await t.raw(`/?secret=${t.secret}`);
  expect(answer.status).toBe(303);
  expect(answer.headers.location).toMatch(/^\/\?opus-ticket=[A-Za-z0-9_-]{32}$/);
  expect(answer.headers.location).not.toContain(t.secret);
  expect(answer.headers['cache-control']).toBe('no-store');
  // No cookie at all: cookies are not scoped to a port, so one would reach every server on 127.0.0.1.
  expect(answer.headers['set-cookie']).toBeUndefined();
});

test('the page answered to a ticket hands over the secret, once: a reload of it hands over nothing', async () => {
  const { location, handedOver } = await secretHandedOver(t.host);
  expect(handedOver).toBe(t.secret);
  const again = await t.raw(location);
  expect(again.status).toBe(200);
  expect(again.body).not.toContain(t.secret);
  expect(again.headers['cache-control']).toBe('no-store');
  expect((await t.raw(`/?opus-ticket=${'A'.repeat(32)}`)).body).not.toContain(t.secret);
});

test('a link parameter survives the trade, and the page is asked at / whatever path came with the secret', async () => {
  const linked = await t.raw(`/?secret=${t.secret}&open=%2FNotes%2Fa.md`);
  expect(linked.headers.location).toMatch(/^\/\?open=%2FNotes%2Fa\.md&opus-ticket=/);
  for (const path of [
    `/.//evil.example/?secret=${t.secret}`,
    `//evil.example/?secret=${t.secret}`,
    `/%2F%2Fevil.example/?secret=${t.secret}`,
    `/\\evil.example/?secret=${t.secret}`,
  ]) {
    const answer = await t.raw(path);
    expect(answer.status, path).toBe(303);
    expect(String(answer.headers.location), path).toMatch(/^\/\?opus-ticket=[^&]+$/);
    expect(ticketOf(String(answer.headers.location)), path).not.toBeNull();
  }
});

test('refuses every /api request without the secret header, or with a wrong one, whatever cookie it sends', async () => {
  const { [SECRET_HEADER]: _, ...withoutSecret } = t.own();
  expect((await getAppInfo(withoutSecret)).status).toBe(401);
  expect((await getAppInfo({ ...t.own(), [SECRET_HEADER]: 'guess' })).status).toBe(401);
  expect((await getAppInfo({ ...t.own(), [SECRET_HEADER]: '' })).status).toBe(401);
  expect((await getAppInfo({ ...withoutSecret, Cookie: `opus_secret=${t.secret}` })).status).toBe(401);
  expect((await t.raw('/api/events', { headers: withoutSecret })).status).toBe(401);
  expect((await t.raw(`/?secret=wrong`)).status).toBe(403);
});

test('a cookie tossed by a page on another loopback port does not lock the page out', async () => {
  const answer = await getAppInfo({ ...t.own(), Cookie: 'opus_secret=x; opus_secret=y' });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
});
