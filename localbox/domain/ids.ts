import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 63];
  return out;
}

/** File and folder ids look like Dropbox's: "id:" and 22 url-safe characters. */
export function newFileId(): string {
  return `id:${randomToken(22)}`;
}

/**
 * A rev is lowercase hex of at least 9 characters. The change sequence number makes it unique and ordered;
 * the random tail keeps two localbox folders from handing out the same revs.
 */
export function newRev(seq: number, salt: string): string {
  return `${seq.toString(16).padStart(9, '0')}${salt}`;
}

export function newRevSalt(): string {
  return randomBytes(4).toString('hex');
}
