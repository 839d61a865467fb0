import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasValidToken } from './api-call.ts';
import type { ConnectionLimits } from './config.ts';
import type { Services } from './services.ts';

/**
 * What every request passes before a route sees it: the Host must name this localbox (so a page whose
 * own name was rebound to 127.0.0.1 is refused), and a request without a valid access token must arrive
 * promptly, among a bounded number of such requests (so slow clients cannot hold the server forever).
 */

/** Harmless for API clients, and keeps a browser from sniffing a file's bytes or embedding them elsewhere. */
const EVERY_ANSWER = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The Host values that name this localbox: its loopback names and the address it was bound to. */
export function ownHosts(boundHost: string, port: number): ReadonlySet<string> {
  const bound = boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${bound.toLowerCase()}:${port}`]);
}

function refuse(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  // Connection: close, so Node drops the socket once answered instead of waiting for the rest of a body.
  res.writeHead(status, {
    ...headers,
    Connection: 'close',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export class Gate {
  /** Requests without a valid token whose bodies are still arriving. */
  private arriving = 0;

  constructor(
    private readonly hosts: () => ReadonlySet<string>,
    private readonly limits: ConnectionLimits,
    private readonly services: Services,
  ) {}

  /** True when the request may go on to its route; otherwise it has been answered. */
  pass(req: IncomingMessage, res: ServerResponse): boolean {
    for (const [name, value] of Object.entries(EVERY_ANSWER)) res.setHeader(name, value);
    const host = req.headers.host?.toLowerCase();
    if (host === undefined || !this.hosts().has(host)) {
      req.resume();
      refuse(res, 421, `Misdirected Request: localbox answers only to ${[...this.hosts()].join(', ')}.`);
      return false;
    }
    if (hasValidToken(req, this.services)) return true;
    if (this.arriving >= this.limits.unauthenticatedConnections) {
      refuse(res, 503, 'Too many requests are still arriving. Try again in a moment.', {
        'Retry-After': '1',
      });
      return false;
    }
    this.track(req, res);
    return true;
  }

  private track(req: IncomingMessage, res: ServerResponse): void {
    this.arriving++;
    const timer = setTimeout(() => {
      if (res.headersSent) req.socket.destroy();
      else refuse(res, 408, 'Request Timeout: the request took too long to arrive.');
      res.once('finish', () => req.socket.destroy());
    }, this.limits.unauthenticatedRequestMs);
    const { socket } = req;
    const release = () => {
      this.arriving--;
      clearTimeout(timer);
      req.off('end', release);
      socket.off('close', release);
    };
    // 'end' once the whole body is in (a longpoll then waits uncounted); the socket's 'close' if the
    // client vanishes or is cut off (the request itself emits no 'close' once it has been answered).
    req.once('end', release);
    socket.once('close', release);
  }
}
