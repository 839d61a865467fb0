import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleBrowser } from '../../../scripts/build-node.mjs';
import type { CoreService, EventListener } from '../../core/wiring/core-service.ts';
import { dispatch, type Handlers } from '../../core/wiring/dispatch.ts';
import { SECRET_HEADER, SECRET_META, TICKET_PARAM } from '../page-protocol.ts';
import { type BrowserHost, type HostLimits, startBrowserHost } from '../server.ts';

/** What a planted file beside the renderer folder holds: no answer may ever contain it. */
export const PLANTED = 'PLANTED-OUTSIDE-THE-RENDERER';

/** A core with one real handler behind the real contract dispatcher: these tests prove the transport. */
export function smallCore(): CoreService & { push: EventListener } {
  const listeners = new Set<EventListener>();
  const handlers = {
    getAppInfo: () => ({
      provider: 'localbox',
      version: '0.0.0-test',
      platform: process.platform,
      nativeDialogs: false,
    }),
  } as unknown as Handlers;
  return {
    call: (name, request) => dispatch(handlers, name, request),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
    push: (name, payload) => {
      for (const listener of listeners) listener(name, payload);
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HostUnderTest {
  host: BrowserHost;
  core: ReturnType<typeof smallCore>;
  /** The launch secret, as the printed address carries it. */
  secret: string;
  /** The Host header a browser sends to it. */
  hostHeader: string;
  /** The headers of the page's own /api request. */
  own(): Record<string, string>;
  /** Raw HTTP, so tests can send the Host and Origin headers a browser (or an attacker's page) would. */
  raw(
    path: string,
    options?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * The browser host on a small renderer folder, `renderer/` inside a temporary folder that also holds
 * files no request may reach: `secret.txt` beside it and `renderer-secrets/token` (a sibling whose name
 * starts like the renderer's), both holding PLANTED.
 */
export async function startHostUnderTest(limits?: Partial<HostLimits>): Promise<HostUnderTest> {
  const base = mkdtempSync(join(tmpdir(), 'opus-host-'));
  const rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>Opus</title></head><body>app</body></html>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("renderer")');
  writeFileSync(join(base, 'secret.txt'), PLANTED);
  mkdirSync(join(base, 'renderer-secrets'));
  writeFileSync(join(base, 'renderer-secrets', 'token'), PLANTED);
  const [bridgeFile] = await bundleBrowser();
  const core = smallCore();
  const host = await startBrowserHost({ core, rendererDir, bridgeFile: bridgeFile as string, limits });
  const secret = new URL(host.url).searchParams.get('secret') ?? '';
  const hostHeader = new URL(host.origin).host;
  const raw: HostUnderTest['raw'] = (path, options = {}) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: new URL(host.origin).port,
          path,
          method: options.method ?? 'GET',
          headers: { Host: hostHeader, ...options.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  return {
    host,
    core,
    secret,
    hostHeader,
    own: () => ({ Origin: host.origin, [SECRET_HEADER]: secret, 'Content-Type': 'application/json' }),
    raw,
    close: async () => {
      await host.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** What a browser does with the printed address: follow the 303, and read the secret the page hands over. */
export async function secretHandedOver(
  host: BrowserHost,
): Promise<{ location: string; handedOver: string | null }> {
  const login = await fetch(host.url, { redirect: 'manual' });
  const location = login.headers.get('location') ?? '';
  const page = await (await fetch(new URL(location, host.origin))).text();
  const handedOver = new RegExp(`<meta name="${SECRET_META}" content="([^"]+)">`).exec(page)?.[1] ?? null;
  return { location, handedOver };
}

export const ticketOf = (location: string): string | null =>
  new URL(location, 'http://x').searchParams.get(TICKET_PARAM);
