import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Long enough for a slow browser to follow the 303, short enough that a ticket copied later is dead. */
const TICKET_LIFETIME_MS = 60_000;

/**
 * Requests come from this computer only, but any web page the user visits can aim at 127.0.0.1. So:
 * the Host header must name us (a DNS-rebinding page sends its own name), a cross-site Origin is
 * refused, and every /api request must carry the per-launch secret in a header the page sets itself
 * (page-protocol.ts says why not a cookie). The printed address trades the secret for a one-time ticket,
 * which the page's first load redeems for the secret, held by that tab only (sessionStorage).
 */
export class HostGuards {
  /** Ticket → the time it expires. */
  private readonly tickets = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly port: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  hostAllowed(req: IncomingMessage): boolean {
    // Stryker disable next-line StringLiteral: equivalent, any stand-in for no Host is refused unless it names us
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

  secretMatches(candidate: string | string[] | undefined | null): boolean {
    if (typeof candidate !== 'string' || !candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  issueTicket(): string {
    const now = this.now();
    for (const [ticket, expires] of this.tickets) if (expires <= now) this.tickets.delete(ticket);
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, now + TICKET_LIFETIME_MS);
    return ticket;
  }

  /** True once per ticket, within its lifetime: a reloaded or copied address proves nothing. */
  redeemTicket(ticket: string | null): boolean {
    // Stryker marks by line and mutator: `if (false)` is equivalent (get(null) finds nothing); `if (true)`
    // on the same line is killed by server.secret.test.ts.
    // Stryker disable next-line ConditionalExpression: equivalent, no ticket is null
    if (ticket === null) return false;
    const expires = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    // An unknown ticket has no expiry: 0 has passed.
    return (expires ?? 0) > this.now();
  }
}
