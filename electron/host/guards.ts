import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SECRET_COOKIE = 'opus_secret';

/**
 * Requests come from this computer only, but any web page the user visits can aim at 127.0.0.1. So:
 * the Host header must name us (a DNS-rebinding page sends its own name), a cross-site Origin is
 * refused, and every request must carry the per-launch secret in a SameSite=Strict cookie.
 */
export class HostGuards {
  constructor(
    private readonly secret: string,
    private readonly port: () => number,
  ) {}

  hostAllowed(req: IncomingMessage): boolean {
    const host = (req.headers.host ?? '').toLowerCase();
    const port = this.port();
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  }

  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return req.method === 'GET' || req.method === 'HEAD';
    const port = this.port();
    return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  }

  secretMatches(candidate: string | undefined | null): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  cookieSecret(req: IncomingMessage): string | undefined {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === SECRET_COOKIE) return value.join('=');
    }
    return undefined;
  }

  setCookieHeader(): string {
    return `${SECRET_COOKIE}=${this.secret}; Path=/; HttpOnly; SameSite=Strict`;
  }
}
