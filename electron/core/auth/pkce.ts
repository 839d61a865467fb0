import { createHash, randomBytes } from 'node:crypto';

/** The secret half of PKCE (RFC 7636): kept in memory, sent only with the code exchange. */
export interface Pkce {
  verifier: string;
  challenge: string;
}

// 48 bytes → 64 base64url characters, all from the unreserved set and inside RFC 7636's 43–128.
const VERIFIER_BYTES = 48;
const STATE_BYTES = 24;

export function createVerifier(bytes = VERIFIER_BYTES): string {
  if (bytes < 32 || bytes > 96) throw new RangeError('a PKCE verifier needs 32 to 96 random bytes');
  return randomBytes(bytes).toString('base64url');
}

/** S256: base64url(sha256(verifier)) without padding, which is what Node's base64url gives. */
export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkce(): Pkce {
  const verifier = createVerifier();
  return { verifier, challenge: challengeFor(verifier) };
}

/** URL-safe, so it comes back from the redirect byte for byte whoever encodes the URL. */
export function createState(): string {
  return randomBytes(STATE_BYTES).toString('base64url');
}
