import { describe, expect, it } from 'vitest';
import { OpusError } from '../errors.ts';
import { DEFAULT_RETRY, retryDelayMs, retrying } from './retry.ts';
import { HttpStatusError, mayHaveBeenApplied } from './wire-failure.ts';

const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
const networkError = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

describe('retryDelayMs', () => {
  it('waits Retry-After for 429, from the header or the body', () => {
    expect(
      retryDelayMs(new HttpStatusError(429, new Headers({ 'Retry-After': '2' }), ''), 1, policy, () => 0),
    ).toBe(2000);
    const body = { error: { reason: { '.tag': 'too_many_requests' }, retry_after: 3 } };
    expect(retryDelayMs(new HttpStatusError(429, new Headers(), body), 1, policy, () => 0)).toBe(3000);
  });

  it('backs off with full jitter for 5xx and network failures, capped', () => {
    const fiveHundred = new HttpStatusError(503, undefined, 'busy');
    expect(retryDelayMs(fiveHundred, 1, policy, () => 0.5)).toBe(50);
    expect(retryDelayMs(fiveHundred, 3, policy, () => 0.5)).toBe(200);
    expect(retryDelayMs(fiveHundred, 10, policy, () => 0.5)).toBe(500);
    expect(retryDelayMs(networkError('ECONNRESET'), 1, policy, () => 0)).toBe(0);
  });

  it('never retries a 4xx answer, our own errors, a bug, an abort or a timeout', () => {
    for (const error of [
      new HttpStatusError(409, undefined, {}),
      new HttpStatusError(400, undefined, 'bad'),
      new OpusError('signed_out', 'x'),
      new TypeError('undefined is not a function'),
      new DOMException('stop', 'AbortError'),
      new DOMException('slow', 'TimeoutError'),
    ]) {
      expect(retryDelayMs(error, 1, DEFAULT_RETRY, Math.random)).toBeNull();
    }
  });
});

describe('mayHaveBeenApplied', () => {
  it('is false only when nothing could have reached the server', () => {
    expect(mayHaveBeenApplied(networkError('ECONNREFUSED'))).toBe(false);
    expect(mayHaveBeenApplied(new HttpStatusError(429, undefined, ''))).toBe(false);
    expect(mayHaveBeenApplied(networkError('ECONNRESET'))).toBe(true);
    expect(mayHaveBeenApplied(new TypeError('terminated'))).toBe(true);
    expect(mayHaveBeenApplied(new HttpStatusError(500, undefined, ''))).toBe(true);
  });
});

describe('retrying', () => {
  it('stops with the value onRetry finds, after the wait', async () => {
    const steps: string[] = [];
    const result = await retrying(
      async () => {
        steps.push('attempt');
        throw networkError('ECONNRESET');
      },
      {
        policy,
        random: () => 1,
        sleep: async (ms) => {
          steps.push(`sleep ${ms}`);
        },
        onRetry: async ({ ambiguous }) => {
          steps.push(`check ${ambiguous}`);
          return 'landed';
        },
      },
    );
    expect(result).toBe('landed');
    expect(steps).toEqual(['attempt', 'sleep 100', 'check true']);
  });
});
