import { OpusError } from '../errors.ts';
import {
  isAbort,
  isHttpFailure,
  isNetworkFailure,
  isTimeout,
  mayHaveBeenApplied,
  retryAfterSeconds,
} from './wire-failure.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Longer Retry-After values are not waited out inside one call: the caller gets `rate_limited` with the
 * value and decides (the editor keeps the text pending instead of freezing a save for minutes).
 */
export const MAX_RETRY_AFTER_SECONDS = 60;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryFailure {
  error: unknown;
  /** 1 for the first attempt's failure. */
  attempt: number;
  /** The request may have reached Dropbox (5xx, or a connection lost after sending). */
  ambiguous: boolean;
  delayMs: number;
}

export interface RetryOptions<T> {
  policy: RetryPolicy;
  sleep: Sleep;
  random?: () => number;
  signal?: AbortSignal | undefined;
  maxRetryAfterSeconds?: number;
  /**
   * Runs before each retry, after its delay. A value ends the retries as the result: how a
   * non-idempotent write reports that its first attempt landed after all.
   */
  onRetry?: ((failure: RetryFailure) => Promise<T | undefined>) | undefined;
}

/**
 * How long to wait before the next attempt, or null for "do not retry". Dropbox's rules: 429 → exactly
 * Retry-After; 5xx and network failures → exponential backoff with full jitter (a random delay in
 * [0, min(max, base·2^n)], so clients that failed together do not come back together); every other 4xx
 * is an answer, not an accident, and is never retried.
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  maxRetryAfterSeconds = MAX_RETRY_AFTER_SECONDS,
): number | null {
  // A request that timed out on our side (longpoll) already waited as long as the caller would.
  if (error instanceof OpusError || isAbort(error) || isTimeout(error)) return null;
  if (isHttpFailure(error) && error.status === 429) {
    const seconds = retryAfterSeconds(error);
    if (seconds === undefined) return backoff(attempt, policy, random);
    return seconds <= maxRetryAfterSeconds ? seconds * 1000 : null;
  }
  if ((isHttpFailure(error) && error.status >= 500) || isNetworkFailure(error)) {
    return backoff(attempt, policy, random);
  }
  return null;
}

const backoff = (attempt: number, policy: RetryPolicy, random: () => number) =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

/** Runs `attempt` until it succeeds, fails for good, or the attempts are spent; throws the last raw failure. */
export async function retrying<T>(attempt: (n: number) => Promise<T>, options: RetryOptions<T>): Promise<T> {
  const random = options.random ?? Math.random;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const delayMs = retryDelayMs(error, n, options.policy, random, options.maxRetryAfterSeconds);
      if (delayMs === null || n >= options.policy.attempts) throw error;
      await options.sleep(delayMs, options.signal);
      const ambiguous = mayHaveBeenApplied(error);
      const settled = await options.onRetry?.({ error, attempt: n, ambiguous, delayMs });
      if (settled !== undefined) return settled;
    }
  }
}

/** setTimeout as a promise that an AbortSignal cuts short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
