import type { LocalboxOptions } from '../../../localbox/index.ts';
import { startTestLocalbox, type TestLocalbox } from '../../../localbox/test-support/localbox.ts';
import { TokenSession } from '../auth/token-session.ts';
import { createGateway, type GatewayOptions } from '../dropbox/dropbox-gateway.ts';
import type { DropboxEndpoints } from '../dropbox/endpoints.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import type { OpusError } from '../errors.ts';

/** For the gateway's tests: a real localbox over HTTP, a signed-in TokenSession, and a recording sleep. */
export interface GatewayBench {
  lb: TestLocalbox;
  endpoints: DropboxEndpoints;
  refreshToken: string;
  tokens: TokenSession;
  /** Every wait the gateway asked for, in ms; the fake sleep returns at once. */
  sleeps: number[];
  gateway(options?: Partial<GatewayOptions>): Gateway;
  /** Requests localbox served per route since the last call, then starts counting afresh. */
  takeCounts(): Record<string, number>;
  stop(): Promise<void>;
}

export async function startGatewayBench(options: Partial<LocalboxOptions> = {}): Promise<GatewayBench> {
  const lb = await startTestLocalbox({ faultInjection: true, ...options });
  const endpoints = { origin: lb.box.url, appKey: lb.box.appKey };
  const issued = lb.box.issueTokens({ offline: true });
  if (!issued.refresh_token) throw new Error('localbox issued no refresh token');
  const refreshToken = issued.refresh_token;
  const tokens = new TokenSession({
    endpoints,
    refreshToken,
    accessToken: issued.access_token,
    expiresAt: Date.now() + issued.expires_in * 1000,
  });
  const sleeps: number[] = [];
  const fakeSleep = async (ms: number) => {
    sleeps.push(ms);
  };
  return {
    lb,
    endpoints,
    refreshToken,
    tokens,
    sleeps,
    gateway: (extra = {}) => createGateway({ endpoints, tokens, sleep: fakeSleep, ...extra }),
    takeCounts: () => {
      const counts = lb.box.requestCounts();
      lb.box.resetRequestCounts();
      return counts;
    },
    stop: () => lb.stop(),
  };
}

export const bytesOf = (text: string) => new TextEncoder().encode(text);

/** A fetch that remembers the Dropbox-API-Arg of every request, to check what was sent on the wire. */
export function recordingArgs(base: typeof fetch = fetch): {
  fetch: typeof fetch;
  args: Record<string, unknown>[];
} {
  const args: Record<string, unknown>[] = [];
  const recording = ((input: string | URL | Request, init?: RequestInit) => {
    const header = new Headers(init?.headers).get('dropbox-api-arg');
    if (header) args.push(JSON.parse(header) as Record<string, unknown>);
    return base(input, init);
  }) as typeof fetch;
  return { fetch: recording, args };
}

/** The rejection of a promise that must fail (an OpusError, unless the test says otherwise). */
export function failureOf<E = OpusError>(promise: Promise<unknown>): Promise<E> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as E,
  );
}
