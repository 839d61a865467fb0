import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CoreService } from '../core/wiring/core-service.ts';
import { refusal } from '../core/wiring/dispatch.ts';
import { HostGuards } from './guards.ts';
import { SECRET_HEADER, SECRET_META, TICKET_PARAM } from './page-protocol.ts';
import { BASE_HEADERS, deny, PAGE_HEADERS, redirectHome, sendEnvelope } from './responses.ts';
import { resolveStatic, serveFile } from './static-files.ts';

export interface BrowserHostOptions {
  core: CoreService;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  /** The built page bridge that defines window.opus. */
  bridgeFile: string;
  port?: number;
  log?: (line: string) => void;
  /** Tests shorten these to see them act; the defaults are HOST_LIMITS. */
  limits?: Partial<HostLimits>;
}

export interface HostLimits {
  /** A client has this long to send a request's headers… */
  headersTimeoutMs: number;
  /** …and this long for the whole request, body included (an upload over loopback takes seconds). */
  requestTimeoutMs: number;
  /** How often Node looks for requests past those limits. */
  checkEveryMs: number;
  /** Uploads travel as base64 JSON: 150 MiB of bytes is about 200 MiB of text. */
  callBodyBytes: number;
}

export const HOST_LIMITS: HostLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  checkEveryMs: 1_000,
  callBodyBytes: 210 * 1024 * 1024,
};

export interface BrowserHost {
  /** Open this in a browser: it carries the per-launch secret. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const SIGN_IN_HINT = 'Open Opus with the address that `npm run web` printed.';

/**
 * Serves the renderer and the contract over loopback for development, end-to-end tests, and machines
 * where Electron cannot run: the same core, the same `window.opus`, reached through HTTP and a stream.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const limits = { ...HOST_LIMITS, ...options.limits };
  const secret = randomBytes(32).toString('base64url');
  let port = 0;
  const guards = new HostGuards(secret, () => port);
  const streams = new Set<ServerResponse>();
  const unsubscribe = options.core.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  // The event stream is one long response to a request received long ago: these limits end only
  // requests still arriving, so a client trickling its headers or body is cut, and the stream is not.
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkEveryMs,
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      route(req, res).catch((error) => {
        options.log?.(`opus host: ${(error as Error)?.stack ?? error}`);
        if (!res.headersSent) deny(res, 500, 'Internal error');
        else res.destroy();
      });
    },
  );

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!guards.hostAllowed(req)) return deny(res, 421, 'This address does not serve Opus.');
    if (!guards.originAllowed(req)) return deny(res, 403, 'Cross-origin requests are refused.');
    if (!req.url?.startsWith('/')) return deny(res, 400, 'Bad request.');
    // Under a fixed origin, so that `//evil.example/` stays a path and never becomes a host.
    const url = new URL(`http://opus.invalid${req.url}`);
    const offered = url.searchParams.get('secret');
    if (offered !== null) {
      if (!guards.secretMatches(offered)) return deny(res, 403, 'Wrong launch secret.');
      // The page gets a one-time ticket in place of the secret; whatever path was asked, it goes home.
      url.searchParams.delete('secret');
      url.searchParams.set(TICKET_PARAM, guards.issueTicket());
      return redirectHome(res, url.searchParams);
    }
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
    // The page and its files hold no secret, so they are served to any request that passed the Host
    // check: a reload then finds its secret in the tab's sessionStorage, not in a cookie.
    if (url.pathname === '/__opus/bridge.js') {
      if (await serveFile(res, options.bridgeFile, PAGE_HEADERS)) return;
      return deny(res, 500, 'The page bridge is not built: run npm run build.');
    }
    if (url.pathname === '/' || url.pathname === '/index.html')
      return serveIndex(res, guards.redeemTicket(url.searchParams.get(TICKET_PARAM)));
    const file = resolveStatic(options.rendererDir, url.pathname);
    if (file && (await serveFile(res, file, PAGE_HEADERS))) return;
    deny(res, 404, 'Not found.');
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!guards.secretMatches(req.headers[SECRET_HEADER.toLowerCase()])) return deny(res, 401, SIGN_IN_HINT);
    if (path === '/api/events')
      return req.method === 'GET' ? openStream(res) : deny(res, 405, 'Method not allowed.');
    if (!path.startsWith('/api/call/')) return deny(res, 404, 'Not found.');
    if (req.method !== 'POST') return deny(res, 405, 'Method not allowed.');
    let name: string;
    try {
      name = decodeURIComponent(path.slice('/api/call/'.length));
    } catch {
      return deny(res, 400, 'The command name is not valid.');
    }
    return call(req, res, name);
  }

  async function serveIndex(res: ServerResponse, proven: boolean): Promise<void> {
    const html = await readFile(join(options.rendererDir, 'index.html'), 'utf8');
    // The bridge runs first, so window.opus exists before the renderer's own scripts start: deferred
    // scripts and module scripts run in document order, after parsing, which `defer` no longer blocks.
    // The secret is written only into the answer to a redeemed ticket, which nothing caches.
    const handOver = proven ? `<meta name="${SECRET_META}" content="${secret}">\n` : '';
    const page = html.replace(
      /<head>/i,
      `<head>\n${handOver}<script defer src="/__opus/bridge.js"></script>`,
    );
    res.writeHead(200, {
      ...PAGE_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(page);
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': opus events\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  }

  async function call(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    // A form or text/plain post could be sent by any page without a preflight; only JSON is accepted.
    if (type !== 'application/json') return deny(res, 415, 'Calls must be application/json.');
    const tooLarge = () => deny(res, 413, 'Request too large.', true);
    if (Number(req.headers['content-length'] ?? 0) > limits.callBodyBytes) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limits.callBodyBytes) return tooLarge();
      chunks.push(chunk);
    }
    let request: unknown;
    try {
      request = size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return sendEnvelope(res, refusal('invalid_request', 'The request is not valid JSON.'));
    }
    sendEnvelope(res, await options.core.call(name, request));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  }).catch((error: unknown) => {
    // The port is taken: the caller may try another, with a subscription of its own.
    unsubscribe();
    throw error;
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?secret=${secret}`,
    origin,
    close: async () => {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
