import { createHash, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../domain/ids.ts';

export type ChallengeMethod = 'S256' | 'plain';
export type TokenAccessType = 'offline' | 'online' | 'legacy';

/** What the app asked for at /oauth2/authorize, carried from the consent page to the code exchange. */
export interface AuthorizeRequest {
  clientId: string;
  /** Absent in the no-redirect flow, where the user pastes the code into the app. */
  redirectUri: string | undefined;
  state: string | undefined;
  challenge: { value: string; method: ChallengeMethod } | undefined;
  tokenAccessType: TokenAccessType | undefined;
}

/** RFC 6749 §4.1.2 recommends codes live at most ten minutes; a consent page left open gets the same. */
export const FLOW_TTL_MS = 10 * 60 * 1000;

/** Enough for any real sign-in; a page reloaded in a loop must not grow memory without bound. */
const MAX_ENTRIES = 1000;

interface Entry {
  request: AuthorizeRequest;
  expiresAt: number;
}

/** Single-use secrets with a deadline. Taking one removes it, so a replay finds nothing. */
class ExpiringSecrets {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly length: number,
    private readonly now: () => number,
  ) {}

  add(request: AuthorizeRequest): string {
    this.prune();
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    // The alphabet is URL-safe: the SDK pastes codes into the token URL without encoding them.
    const secret = randomToken(this.length);
    this.entries.set(secret, { request, expiresAt: this.now() + FLOW_TTL_MS });
    return secret;
  }

  take(secret: string): AuthorizeRequest | undefined {
    const entry = this.entries.get(secret);
    if (!entry) return undefined;
    this.entries.delete(secret);
    return entry.expiresAt > this.now() ? entry.request : undefined;
  }

  private prune(): void {
    const now = this.now();
    for (const [secret, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(secret);
  }
}

/**
 * The browser half of OAuth: consent requests waiting for Allow or Deny, and the authorization codes
 * they turn into. Kept in memory only; a restart in the middle of a sign-in simply means signing in again.
 */
export class OAuthFlow {
  private readonly requests: ExpiringSecrets;
  private readonly codes: ExpiringSecrets;

  constructor(now: () => number = () => Date.now()) {
    this.requests = new ExpiringSecrets(32, now);
    this.codes = new ExpiringSecrets(43, now);
  }

  /** Returns the request_id the consent form posts back. */
  begin(request: AuthorizeRequest): string {
    return this.requests.add(request);
  }

  takeRequest(requestId: string): AuthorizeRequest | undefined {
    return this.requests.take(requestId);
  }

  issueCode(request: AuthorizeRequest): string {
    return this.codes.add(request);
  }

  takeCode(code: string): AuthorizeRequest | undefined {
    return this.codes.take(code);
  }
}

/** RFC 7636 §4.6: S256 compares base64url(sha256(verifier)) without padding; plain compares as is. */
export function verifierMatches(
  verifier: string,
  challenge: { value: string; method: ChallengeMethod },
): boolean {
  const derived =
    challenge.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(derived);
  const b = Buffer.from(challenge.value);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
export const isValidVerifier = (verifier: string): boolean => /^[A-Za-z0-9._~-]{43,128}$/.test(verifier);

/** An S256 challenge is a base64url SHA-256 digest: always 43 characters. A plain one is a verifier. */
export function isValidChallenge(value: string, method: ChallengeMethod): boolean {
  return method === 'S256' ? /^[A-Za-z0-9_-]{43}$/.test(value) : isValidVerifier(value);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where we may send a browser carrying a code: https anywhere, plain http only back to this computer
 * on an explicit port (as Dropbox allows). No fragment (RFC 6749 §3.1.2), no user info, and ASCII only,
 * because the URI goes out verbatim in a Location header.
 */
export function isAcceptableRedirectUri(uri: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(uri) || uri.includes('#')) return false;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.hostname === '') return false;
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return false;
  return /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}([/?]|$)/i.test(uri);
}

export type ParsedAuthorize =
  | { ok: true; request: AuthorizeRequest }
  | { ok: false; description: string; state: string | undefined };

const MAX_STATE_BYTES = 500;
const ACCESS_TYPES: readonly string[] = ['offline', 'online', 'legacy'] satisfies TokenAccessType[];
const isAccessType = (value: string): value is TokenAccessType => ACCESS_TYPES.includes(value);

/**
 * The parameters checked once client_id and redirect_uri are known good, so that a mistake here can
 * be reported back to the app through its redirect. Unknown and cosmetic parameters (scope,
 * include_granted_scopes, force_reapprove, locale…) are accepted and ignored, as every token gets SCOPES.
 */
export function parseAuthorizeRequest(
  params: URLSearchParams,
  clientId: string,
  redirectUri: string | undefined,
): ParsedAuthorize {
  const state = params.get('state') ?? undefined;
  const fail = (description: string): ParsedAuthorize => ({
    ok: false,
    description,
    // An oversized state is not echoed: the redirect would carry it into the app's logs and history.
    state: state !== undefined && Buffer.byteLength(state) <= MAX_STATE_BYTES ? state : undefined,
  });
  if (state !== undefined && Buffer.byteLength(state) > MAX_STATE_BYTES)
    return fail(`"state" must be at most ${MAX_STATE_BYTES} bytes.`);
  const accessType = params.get('token_access_type') ?? undefined;
  if (accessType !== undefined && !isAccessType(accessType))
    return fail(`"token_access_type" must be one of ${ACCESS_TYPES.join(', ')}.`);
  const value = params.get('code_challenge') ?? undefined;
  const methodParam = params.get('code_challenge_method') ?? undefined;
  if (methodParam !== undefined && value === undefined)
    return fail('"code_challenge_method" was given without "code_challenge".');
  // RFC 7636 §4.3: the method defaults to plain.
  const method = methodParam ?? 'plain';
  if (method !== 'S256' && method !== 'plain') return fail('"code_challenge_method" must be S256 or plain.');
  if (value !== undefined && !isValidChallenge(value, method))
    return fail(
      method === 'S256'
        ? '"code_challenge" must be 43 base64url characters for S256.'
        : '"code_challenge" must be 43 to 128 unreserved characters for plain.',
    );
  return {
    ok: true,
    request: {
      clientId,
      redirectUri,
      state,
      challenge: value === undefined ? undefined : { value, method },
      tokenAccessType: accessType,
    },
  };
}
