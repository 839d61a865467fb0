import { type DropboxEndpoints, tokenUrl } from '../dropbox/endpoints.ts';
import { gatewayError, toOpusError } from '../dropbox/error-mapping.ts';
import { DEFAULT_RETRY, type RetryPolicy, retrying, type Sleep, sleep } from '../dropbox/retry.ts';
import type { TokenProvider } from '../dropbox/token-provider.ts';
import { HttpStatusError, isHttpFailure, isRecord } from '../dropbox/wire-failure.ts';
import { OpusError } from '../errors.ts';

/** Refresh this long before expiry, as the SDK does: a call started just in time still arrives in time. */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;

export interface TokenSessionOptions {
  endpoints: DropboxEndpoints;
  refreshToken: string;
  accessToken?: string | undefined;
  /** When `accessToken` expires, ms since the epoch. Unknown: it is used until Dropbox says it expired. */
  expiresAt?: number | undefined;
  fetch?: typeof fetch;
  now?: () => number;
  /** Hears every new access token, e.g. to keep it in the vault; a failure there does not fail the call. */
  onRefreshed?: (accessToken: string, expiresAt: number) => void | Promise<void>;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
}

interface Current {
  token: string;
  expiresAt: number | undefined;
  /** How long the token was issued for (ms), known when we asked for it ourselves. */
  lifetimeMs: number | undefined;
}

/** OAuth errors that only a new sign-in cures: the refresh token was revoked, or the app is unknown. */
const SIGN_IN_AGAIN = new Set(['invalid_grant', 'invalid_client']);

/**
 * The access token of one signed-in account, kept in memory, refreshed from the refresh token: ahead of
 * expiry, and once more when Dropbox rejects a token as expired. However many calls need a token at
 * once, one refresh request goes out and all of them wait for it (the SDK has no such guard, and a
 * burst of requests at expiry would otherwise send a burst of refreshes).
 */
export class TokenSession implements TokenProvider {
  private current: Current | undefined;
  private refreshing: Promise<string> | undefined;
  /** Set once Dropbox refused the refresh token: every later call fails the same way, with no request. */
  private signedOut: OpusError | undefined;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: TokenSessionOptions) {
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
    if (options.accessToken) {
      this.current = { token: options.accessToken, expiresAt: options.expiresAt, lifetimeMs: undefined };
    }
  }

  accessToken(): Promise<string> {
    if (this.signedOut) return Promise.reject(this.signedOut);
    const current = this.current;
    if (this.refreshing || !current || this.expiringSoon(current)) return this.refresh();
    return Promise.resolve(current.token);
  }

  refreshAfterExpiry(rejected: string): Promise<string> {
    if (this.signedOut) return Promise.reject(this.signedOut);
    const current = this.current;
    // Another caller already replaced the rejected token (or is doing so): share that one.
    if (this.refreshing) return this.refreshing;
    if (current && current.token !== rejected && !this.expiringSoon(current))
      return Promise.resolve(current.token);
    return this.refresh();
  }

  /**
   * Five minutes ahead, as the SDK does — but never more than half the token's life: a token issued for
   * a few seconds (localbox in tests) would otherwise be refreshed before every single call.
   */
  private expiringSoon({ expiresAt, lifetimeMs }: Current): boolean {
    if (expiresAt === undefined) return false;
    const ahead = lifetimeMs === undefined ? REFRESH_AHEAD_MS : Math.min(REFRESH_AHEAD_MS, lifetimeMs / 2);
    return expiresAt - this.now() <= ahead;
  }

  private refresh(): Promise<string> {
    this.refreshing ??= this.requestToken().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async requestToken(): Promise<string> {
    const answer = await this.postRefresh();
    const lifetimeMs = answer.expiresIn * 1000;
    const expiresAt = this.now() + lifetimeMs;
    this.current = { token: answer.accessToken, expiresAt, lifetimeMs };
    try {
      await this.options.onRefreshed?.(answer.accessToken, expiresAt);
    } catch {
      // The token in memory is good; failing to persist it costs one more refresh at the next start.
    }
    return answer.accessToken;
  }

  /** POST /oauth2/token, form-encoded, with the gateway's retry policy (429, 5xx, network). */
  private async postRefresh(): Promise<{ accessToken: string; expiresIn: number }> {
    const { endpoints, refreshToken } = this.options;
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: endpoints.appKey,
    });
    let json: unknown;
    try {
      json = await retrying(
        async () => {
          const response = await this.fetch(tokenUrl(endpoints), {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body,
          });
          const text = await response.text();
          const parsed = parseJson(text);
          if (!response.ok) throw new HttpStatusError(response.status, response.headers, parsed ?? text);
          return parsed;
        },
        {
          policy: { ...DEFAULT_RETRY, ...this.options.retry },
          sleep: this.options.sleep ?? sleep,
          random: this.options.random,
        },
      );
    } catch (error) {
      const failure = oauthError(error);
      if (failure instanceof OpusError && failure.kind === 'signed_out') {
        this.signedOut = failure;
        this.current = undefined;
      }
      throw failure;
    }
    if (!isRecord(json) || typeof json.access_token !== 'string' || typeof json.expires_in !== 'number') {
      throw new OpusError('unknown', 'Dropbox answered the token refresh with something unexpected.');
    }
    return { accessToken: json.access_token, expiresIn: json.expires_in };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** /oauth2/token speaks OAuth, not Stone: `{ error: "invalid_grant", error_description }` with a 400. */
function oauthError(error: unknown): unknown {
  if (isHttpFailure(error) && error.status >= 400 && error.status < 500 && error.status !== 429) {
    const body = isRecord(error.error) ? error.error : {};
    const code = typeof body.error === 'string' ? body.error : `http_${error.status}`;
    if (SIGN_IN_AGAIN.has(code)) {
      return gatewayError('signed_out', { tags: code });
    }
    const description = typeof body.error_description === 'string' ? body.error_description : code;
    return new OpusError('invalid_request', description, { tags: code });
  }
  return toOpusError(error);
}
