import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { type HostUnderTest, startHostUnderTest } from './test-support/browser-host.ts';

// The host reads the clock through Date.now, taken when it starts: faked first, the test sets the time
// instead of waiting a minute. Only Date is faked, so sockets and timers run as ever.
const T0 = Date.UTC(2025, 0, 1);
let t: HostUnderTest;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  t = await startHostUnderTest();
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

/** The printed address followed: where the 303 sends the browser, with its ticket. */
const ticketed = async () => String((await t.raw(`/?secret=${t.secret}`)).headers.location);
/** What the page at a ticketed address holds: the secret, or nothing of it. */
const handsOver = async (location: string) => (await t.raw(location)).body.includes(t.secret);

test('a ticket hands over the secret within its minute; at the minute or after it, nothing', async () => {
  const [first, second, third, fourth] = [
    await ticketed(),
    await ticketed(),
    await ticketed(),
    await ticketed(),
  ];
  vi.setSystemTime(T0 + 59_999);
  // The first ticket, though others were issued after it (another tab, a second click), still holds.
  expect(await handsOver(first)).toBe(true);
  vi.setSystemTime(T0 + 60_000);
  expect(await handsOver(second)).toBe(false);
  vi.setSystemTime(T0 + 3_600_000);
  expect(await handsOver(third)).toBe(false);
  // A fresh ticket is good for its own minute.
  const fresh = await ticketed();
  vi.setSystemTime(T0 + 3_659_999);
  expect(await handsOver(fresh)).toBe(true);
  expect(await handsOver(fourth)).toBe(false);
});
