import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Services } from '../server/services.ts';
import { metaValue } from '../store/schema.ts';

/** files/get_temporary_link: "This link will expire in four hours and afterwards you will get 410 Gone." */
export const TEMPORARY_LINK_SECONDS = 4 * 60 * 60;
export const TEMPORARY_LINK_PATH = '/temporary-link';

/**
 * A link names one revision and its deadline, signed with a key kept in the data folder: nothing is
 * stored per link, a link survives a restart, and without the key no link can be made or altered.
 */
const keyOf = (services: Services) =>
  metaValue(services.db, 'temporary_link_key', () => randomBytes(32).toString('hex'));

const sign = (services: Services, payload: string) =>
  createHmac('sha256', keyOf(services)).update(payload).digest('base64url');

export function temporaryLinkToken(services: Services, rev: string, now = Date.now()): string {
  const payload = `${rev}.${Math.floor(now / 1000) + TEMPORARY_LINK_SECONDS}`;
  return `${payload}.${sign(services, payload)}`;
}

export type LinkCheck = { kind: 'valid'; rev: string } | { kind: 'expired' } | { kind: 'unknown' };

export function checkTemporaryLink(services: Services, token: string, now = Date.now()): LinkCheck {
  const match = /^([0-9a-f]{9,})\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!match) return { kind: 'unknown' };
  const [, rev, expires, mac] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(services, `${rev}.${expires}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'unknown' };
  if (Number(expires) * 1000 <= now) return { kind: 'expired' };
  return { kind: 'valid', rev };
}
