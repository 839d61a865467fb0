import type { ServerResponse } from 'node:http';
import type { Envelope } from '../common/contract/api.ts';
import { RENDERER_CSP } from '../common/renderer-csp.ts';

/**
 * On every answer, errors and redirects included: no type sniffing, no referrer, and no reading by a page
 * of another origin even as an image or a script (another loopback port is the same site, so
 * SameSite-style defences do not separate it).
 */
export const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** The page, the bridge and the renderer's files: also the CSP Electron's app:// protocol sends. */
export const PAGE_HEADERS = {
  ...BASE_HEADERS,
  'Content-Security-Policy': RENDERER_CSP,
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  const body = JSON.stringify(envelope);
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function deny(res: ServerResponse, status: number, message: string, close = false): void {
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(message);
}

/** The page's own root, whatever path the request named: never `//host`, a protocol-relative address. */
export function redirectHome(res: ServerResponse, search: URLSearchParams): void {
  const query = search.toString();
  res.writeHead(303, {
    ...BASE_HEADERS,
    // Not kept in the disk cache, whose key would be the address that carried the secret.
    'Cache-Control': 'no-store',
    Location: query ? `/?${query}` : '/',
  });
  res.end();
}
