import { z } from 'zod';
import { type DropboxEndpoints, tokenUrl } from '../dropbox/endpoints.ts';
import { OpusError } from '../errors.ts';
import { failureOf, networkFailure } from './oauth-failure.ts';

/** What a finished sign-in hands to the token session and the vault. */
export interface SignedIn {
  accessToken: string;
  /** ms since the epoch. */
  expiresAt: number;
  refreshToken: string;
  /** "dbid:…" */
  accountId: string;
  /** Space-separated scopes the token carries. */
  scope: string;
}

export interface CodeExchange {
  endpoints: DropboxEndpoints;
  code: string;
  verifier: string;
  /** Must be the redirect_uri of the authorize URL, byte for byte, or absent if that had none. */
  redirectUri?: string | undefined;
  fetch?: typeof fetch | undefined;
  signal?: AbortSignal | undefined;
  now?: (() => number) | undefined;
}

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  account_id: z.string().min(1),
  scope: z.string().default(''),
});

/** POST /oauth2/token, grant_type=authorization_code, proving possession of the verifier (PKCE). */
export async function exchangeCode(exchange: CodeExchange): Promise<SignedIn> {
  const { endpoints, redirectUri, now = Date.now } = exchange;
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: exchange.code,
    client_id: endpoints.appKey,
    code_verifier: exchange.verifier,
  });
  if (redirectUri !== undefined) form.set('redirect_uri', redirectUri);
  let response: Response;
  try {
    response = await (exchange.fetch ?? fetch)(tokenUrl(endpoints), {
      method: 'POST',
      // A form body rather than the SDK's query string: a code in a URL ends up in proxy and server logs.
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      ...(exchange.signal ? { signal: exchange.signal } : {}),
    });
  } catch (error) {
    throw networkFailure(error);
  }
  if (!response.ok) throw await failureOf(response);
  const parsed = TokenAnswer.safeParse(await response.json().catch(() => null));
  if (!parsed.success)
    throw new OpusError('unknown', 'Dropbox answered the sign-in with something Opus does not understand.');
  const answer = parsed.data;
  if (answer.refresh_token === undefined) {
    // Without it Opus would have to send the user back to the browser every four hours.
    throw new OpusError('unknown', 'Dropbox did not grant offline access. Please sign in again.');
  }
  return {
    accessToken: answer.access_token,
    expiresAt: now() + answer.expires_in * 1000,
    refreshToken: answer.refresh_token,
    accountId: answer.account_id,
    scope: answer.scope,
  };
}
