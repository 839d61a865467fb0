import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { HostGuards } from './guards.ts';

const SECRET = randomBytes(32).toString('base64url');

test('a secret header that arrives as a list never matches, even a list that spells the secret', () => {
  const guards = new HostGuards(SECRET, () => 1);
  expect(guards.secretMatches(SECRET)).toBe(true);
  // Buffer.from reads a list of numbers as bytes: these are the secret's, one header value each.
  const spelled = [...SECRET].map((c) => String(c.charCodeAt(0)));
  expect(guards.secretMatches(spelled)).toBe(false);
  expect(guards.secretMatches([SECRET])).toBe(false);
  expect(guards.secretMatches('')).toBe(false);
});

test('tickets that expired are forgotten when the next is issued: a host left running holds only live ones', () => {
  let now = 0;
  const guards = new HostGuards(
    SECRET,
    () => 1,
    () => now,
  );
  // The sweep changes nothing a caller is told (an expired ticket is refused either way), only what the
  // host holds: so this test counts what it holds.
  const held = () => (guards as unknown as { tickets: Map<string, number> }).tickets.size;
  guards.issueTicket();
  now = 30_000;
  const live = guards.issueTicket();
  expect(held()).toBe(2);
  now = 60_000;
  guards.issueTicket();
  expect(held()).toBe(2);
  now = 1_000_000;
  guards.issueTicket();
  expect(held()).toBe(1);
  expect(guards.redeemTicket(live)).toBe(false);
});
