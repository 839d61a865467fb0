import type { Dropbox } from 'dropbox';
import { isExpiredToken, toOpusError } from './error-mapping.ts';
import { type RetryFailure, type RetryPolicy, retrying, type Sleep } from './retry.ts';
import type { SdkClients } from './sdk-client.ts';
import type { TokenProvider } from './token-provider.ts';

/** What every Dropbox call of one gateway shares. */
export interface CallContext {
  clients: SdkClients;
  tokens: TokenProvider;
  policy: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  maxRetryAfterSeconds: number;
}

export interface CallOptions<T> {
  signal?: AbortSignal | undefined;
  /** `noauth` routes (longpoll) send no token, so they need none. */
  anonymous?: boolean;
  /** Attempts for this call, when it must differ from the policy (longpoll: 1). */
  attempts?: number;
  onRetry?: ((failure: RetryFailure) => Promise<T | undefined>) | undefined;
}

/**
 * Each attempt asks for the access token (the provider refreshes ahead of expiry). A 401
 * `expired_access_token` means Dropbox's clock disagrees with ours, or the token was expired early: the
 * provider refreshes once for every caller that saw the same token, and the request goes again once.
 */
async function attemptWithToken<T>(
  context: CallContext,
  run: (accessToken: string) => Promise<T>,
): Promise<T> {
  const token = await context.tokens.accessToken();
  try {
    return await run(token);
  } catch (error) {
    if (!isExpiredToken(error)) throw error;
    const fresh = await context.tokens.refreshAfterExpiry(token);
    return run(fresh);
  }
}

function retried<T>(context: CallContext, attempt: () => Promise<T>, options: CallOptions<T>): Promise<T> {
  const policy = options.attempts ? { ...context.policy, attempts: options.attempts } : context.policy;
  return retrying(attempt, {
    policy,
    sleep: context.sleep,
    random: context.random,
    signal: options.signal,
    maxRetryAfterSeconds: context.maxRetryAfterSeconds,
    onRetry: options.onRetry,
  });
}

/**
 * One Dropbox operation with token handling and retries (429, 5xx, network). Throws the raw failure,
 * so that callers can still look at the `.tag` chain; `mapped` turns it into an OpusError.
 */
export function callDropbox<T>(
  context: CallContext,
  run: (client: Dropbox) => Promise<T>,
  options: CallOptions<T> = {},
): Promise<T> {
  const attempt = options.anonymous
    ? () => run(context.clients.anonymous())
    : () => attemptWithToken(context, (token) => run(context.clients.withToken(token)));
  return retried(context, attempt, options);
}

/**
 * The same token handling and retries for a request the SDK cannot make for us (a download read as it
 * arrives): `run` gets the access token and must throw what the SDK would (an HttpFailure for non-2xx).
 */
export function callWithToken<T>(
  context: CallContext,
  run: (accessToken: string) => Promise<T>,
  options: Omit<CallOptions<T>, 'anonymous'> = {},
): Promise<T> {
  return retried(context, () => attemptWithToken(context, run), options);
}

/** Runs `work` and lets only OpusErrors (or the caller's own abort) out. */
export async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toOpusError(error);
  }
}
