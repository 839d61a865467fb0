import { z } from 'zod';

/** What tests may ask of localbox to misbehave. All off unless set. */
export const FaultSettings = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  /** The next N API requests are answered 429 with Retry-After. */
  rateLimitNext: z.number().int().min(0).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /** The next N API requests are answered 500. */
  failNext: z.number().int().min(0).optional(),
  /** The next N API requests have their connection reset partway through the body. */
  resetNext: z.number().int().min(0).optional(),
  /**
   * The next N API requests are carried out in full (a write is committed), then their connection is
   * dropped before the answer: the client cannot tell whether anything happened.
   */
  loseAnswerNext: z.number().int().min(0).optional(),
  /** Only requests to this route (`files/upload_session/finish`) lose their answer; others pass. */
  loseAnswerRoute: z.string().min(1).optional(),
  /** Expires every access token issued so far. */
  expireTokens: z.boolean().optional(),
  /** Sent as `backoff` in every longpoll answer. */
  longpollBackoffSeconds: z.number().int().min(0).max(3600).optional(),
});
export type FaultSettings = z.infer<typeof FaultSettings>;

export type FaultAction =
  | { kind: 'rate_limit'; retryAfter: number }
  | { kind: 'fail' }
  | { kind: 'reset' }
  | { kind: 'lose_answer' }
  | null;

export class Faults {
  latencyMs = 0;
  longpollBackoffSeconds = 0;
  private rateLimitLeft = 0;
  private retryAfter = 1;
  private failLeft = 0;
  private resetLeft = 0;
  private loseAnswerLeft = 0;
  private loseAnswerRoute: string | null = null;

  apply(settings: FaultSettings): void {
    if (settings.latencyMs !== undefined) this.latencyMs = settings.latencyMs;
    if (settings.rateLimitNext !== undefined) this.rateLimitLeft = settings.rateLimitNext;
    if (settings.retryAfterSeconds !== undefined) this.retryAfter = settings.retryAfterSeconds;
    if (settings.failNext !== undefined) this.failLeft = settings.failNext;
    if (settings.resetNext !== undefined) this.resetLeft = settings.resetNext;
    if (settings.loseAnswerNext !== undefined) this.loseAnswerLeft = settings.loseAnswerNext;
    if (settings.loseAnswerRoute !== undefined) this.loseAnswerRoute = settings.loseAnswerRoute;
    if (settings.longpollBackoffSeconds !== undefined)
      this.longpollBackoffSeconds = settings.longpollBackoffSeconds;
  }

  clear(): void {
    this.latencyMs = 0;
    this.longpollBackoffSeconds = 0;
    this.rateLimitLeft = 0;
    this.failLeft = 0;
    this.resetLeft = 0;
    this.loseAnswerLeft = 0;
    this.loseAnswerRoute = null;
    this.retryAfter = 1;
  }

  /** The fault, if any, that the next API request (to `route`) meets; each one is used up as it is taken. */
  take(route: string): FaultAction {
    if (this.rateLimitLeft > 0) {
      this.rateLimitLeft--;
      return { kind: 'rate_limit', retryAfter: this.retryAfter };
    }
    if (this.failLeft > 0) {
      this.failLeft--;
      return { kind: 'fail' };
    }
    if (this.resetLeft > 0) {
      this.resetLeft--;
      return { kind: 'reset' };
    }
    if (this.loseAnswerLeft > 0 && (this.loseAnswerRoute === null || this.loseAnswerRoute === route)) {
      this.loseAnswerLeft--;
      return { kind: 'lose_answer' };
    }
    return null;
  }
}
