import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Envelope } from '../common/contract/api.ts';
import { RENDERER_CSP } from '../common/renderer-csp.ts';
import type { CoreService } from '../core/wiring/core-service.ts';
import { refusal } from '../core/wiring/dispatch.ts';
import { HostGuards } from './guards.ts';
import { resolveStatic, serveFile } from './static-files.ts';

export interface BrowserHostOptions {
  core: CoreService;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  /** The built page bridge that defines window.opus. */
  bridgeFile: string;
  port?: number;
  log?: (line: string) => void;
}

export interface BrowserHost {
  /** Open this in a browser: it carries the per-launch secret. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Uploads travel as base64 JSON: 150 MiB of bytes is about 200 MiB of text. */
const CALL_BODY_LIMIT = 210 * 1024 * 1024;

const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Serves the renderer and the contract over loopback for development, end-to-end tests, and machines
 * where Electron cannot run: the same core, the same `window.opus`, reached through HTTP and SSE.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const secret = randomBytes(32).toString('base64url');
  let port = 0;
  const guards = new HostGuards(secret, () => port);
  const streams = new Set<ServerResponse>();
  const unsubscribe = options.core.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const server = createServer((req, res) => {
    route(req, res).catch((error) => {
      options.log?.(`opus host: ${(error as Error)?.stack ?? error}`);
      if (!res.headersSent) deny(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!guards.hostAllowed(req)) return deny(res, 421, 'This address does not serve Opus.');
    if (!guards.originAllowed(req)) return deny(res, 403, 'Cross-origin requests are refused.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const offered = url.searchParams.get('secret');
    if (offered !== null) {
      if (!guards.secretMatches(offered)) return deny(res, 403, 'Wrong launch secret.');
      // Trade the secret in the URL for a cookie, and drop it from the address bar and the history.
      url.searchParams.delete('secret');
      res.writeHead(303, {
        'Set-Cookie': guards.setCookieHeader(),
        Location: `${url.pathname}${url.search}`,
      });
      return void res.end();
    }
    if (!guards.secretMatches(guards.cookieSecret(req))) {
      return deny(res, 403, 'Open Opus with the address that `npm run web` printed.');
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return openStream(res);
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST')
      return call(req, res, url.pathname.slice(10));
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
    if (url.pathname === '/__opus/bridge.js') {
      if (await serveFile(res, options.bridgeFile, SECURITY_HEADERS)) return;
      return deny(res, 500, 'The page bridge is not built: run npm run build.');
    }
    if (url.pathname === '/' || url.pathname === '/index.html') return serveIndex(res);
    const file = resolveStatic(options.rendererDir, url.pathname);
    if (file && (await serveFile(res, file, SECURITY_HEADERS))) return;
    deny(res, 404, 'Not found.');
  }

  async function serveIndex(res: ServerResponse): Promise<void> {
    const html = await readFile(join(options.rendererDir, 'index.html'), 'utf8');
    // The bridge runs first, so window.opus exists before the renderer's own scripts start: deferred
    // scripts and module scripts run in document order, after parsing, which `defer` no longer blocks.
    const page = html.replace(/<head>/i, '<head>\n<script defer src="/__opus/bridge.js"></script>');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(page);
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, {
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
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > CALL_BODY_LIMIT) return deny(res, 413, 'Request too large.');
      chunks.push(chunk);
    }
    let request: unknown;
    try {
      request = size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return sendEnvelope(res, refusal('invalid_request', 'The request is not valid JSON.'));
    }
    sendEnvelope(res, await options.core.call(decodeURIComponent(name), request));
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

function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  const body = JSON.stringify(envelope);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function deny(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}
