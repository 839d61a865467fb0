import { createHash, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../domain/ids.ts';
import { isScope, SCOPES, scopeList, scopeText } from './scopes.ts';

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
  /** What the token will carry, space-separated (scopes.ts). */
  scope: string;
}

/** RFC 6749 §4.1.2 recommends codes live at most ten minutes; a consent page left open gets the same. */
export const FLOW_TTL_MS = 10 * 60 * 1000;

/** Enough for any real sign-in; a page reloaded in a loop must not grow memory without bound. */
const MAX_ENTRIES = 1000;

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Single-use secrets with a deadline. Taking one removes it, so a replay finds nothing. Expired ones
 * are not swept: they expire in the order they were added, so the bound evicts them first.
 */
class ExpiringSecrets<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly length: number,
    private readonly now: () => number,
  ) {}

  add(value: T): string {
    if (this.entries.size >= MAX_ENTRIES) {
      // A full map has a first key: the oldest entry, Maps keeping insertion order.
      const [oldest] = this.entries.keys();
      this.entries.delete(oldest as string);
    }
    // The alphabet is URL-safe: the SDK pastes codes into the token URL without encoding them.
    const secret = randomToken(this.length);
    this.entries.set(secret, { value, expiresAt: this.now() + FLOW_TTL_MS });
    return secret;
  }

  take(secret: string): T | undefined {
    const entry = this.entries.get(secret);
    if (!entry) return undefined;
    this.entries.delete(secret);
    return entry.expiresAt > this.now() ? entry.value : undefined;
  }
}

/** Compares in constant time, so a wrong guess says nothing about how close it was. */
export const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** What the consent form carries back: which request it answers, and the proof it is our own form. */
export interface ConsentTicket {
  requestId: string;
  /** Single use, tied to this request, and only ever written into the consent page itself. */
  formToken: string;
}

/**
 * The browser half of OAuth: consent requests waiting for Allow or Deny, and the authorization codes
 * they turn into. Kept in memory only; a restart in the middle of a sign-in simply means signing in again.
 */
export class OAuthFlow {
  private readonly requests: ExpiringSecrets<{ request: AuthorizeRequest; formToken: string }>;
  private readonly codes: ExpiringSecrets<AuthorizeRequest>;

  constructor(now: () => number = () => Date.now()) {
    this.requests = new ExpiringSecrets(32, now);
    this.codes = new ExpiringSecrets(43, now);
  }

  /** The request_id and form token the consent form posts back. */
  begin(request: AuthorizeRequest): ConsentTicket {
    const formToken = randomToken(43);
    return { requestId: this.requests.add({ request, formToken }), formToken };
  }

  /** Any answer spends the request, so a wrong token leaves nothing to try again with. */
  takeRequest(ticket: ConsentTicket): AuthorizeRequest | undefined {
    const pending = this.requests.take(ticket.requestId);
    return pending && sameSecret(ticket.formToken, pending.formToken) ? pending.request : undefined;
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
  return sameSecret(derived, challenge.value);
}

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
export const isValidVerifier = (verifier: string): boolean => /^[A-Za-z0-9._~-]{43,128}$/.test(verifier);

/** An S256 challenge is a base64url SHA-256 digest: always 43 characters. A plain one is a verifier. */
export function isValidChallenge(value: string, method: ChallengeMethod): boolean {
  return method === 'S256' ? /^[A-Za-z0-9_-]{43}$/.test(value) : isValidVerifier(value);
}

export type ParsedAuthorize =
  | { ok: true; request: AuthorizeRequest }
  | {
      ok: false;
      error: 'invalid_request' | 'invalid_scope';
      description: string;
      state: string | undefined;
    };

const MAX_STATE_BYTES = 500;
const ACCESS_TYPES: readonly string[] = ['offline', 'online', 'legacy'] satisfies TokenAccessType[];
const isAccessType = (value: string): value is TokenAccessType => ACCESS_TYPES.includes(value);

/**
 * The scopes a sign-in grants: those asked for (all of them when none are named), plus, with
 * `include_granted_scopes=user`, every scope the app was granted before. `team` concerns team-linked
 * apps only, which localbox has none of.
 */
function grantedScope(
  params: URLSearchParams,
  previouslyGranted: readonly string[],
): { scope: string } | { unknown: string } {
  const asked = scopeList(params.get('scope') ?? '');
  const unknown = asked.find((name) => !isScope(name));
  if (unknown !== undefined) return { unknown };
  if (asked.length === 0) return { scope: SCOPES };
  const earlier = params.get('include_granted_scopes') === 'user' ? previouslyGranted : [];
  return { scope: scopeText([...asked, ...earlier]) };
}

/**
 * The parameters checked once client_id and redirect_uri are known good, so that a mistake here can
 * be reported back to the app through its redirect. Cosmetic parameters (force_reapprove, locale…)
 * are accepted and ignored.
 */
export function parseAuthorizeRequest(
  params: URLSearchParams,
  clientId: string,
  redirectUri: string | undefined,
  previouslyGranted: readonly string[],
): ParsedAuthorize {
  const state = params.get('state') ?? undefined;
  const fail = (
    description: string,
    error: 'invalid_request' | 'invalid_scope' = 'invalid_request',
  ): ParsedAuthorize => ({
    ok: false,
    error,
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
  const granted = grantedScope(params, previouslyGranted);
  if ('unknown' in granted)
    return fail(`"${granted.unknown}" is not a scope this app can be granted (${SCOPES}).`, 'invalid_scope');
  return {
    ok: true,
    request: {
      clientId,
      redirectUri,
      state,
      challenge: value === undefined ? undefined : { value, method },
      tokenAccessType: accessType,
      scope: granted.scope,
    },
  };
}
