import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SCOPES } from './auth/scopes.ts';
import { buildRoutes } from './routes/index.ts';
import { type LocalboxOptions, resolveConfig } from './server/config.ts';
import type { FaultSettings } from './server/faults.ts';
import { Gate, ownHosts } from './server/gate.ts';
import { handle } from './server/handler.ts';
import { Services } from './server/services.ts';

export type { LocalboxOptions } from './server/config.ts';
export type { FaultSettings } from './server/faults.ts';

export interface Localbox {
  /** Origin serving every host's routes: api, content, notify and OAuth are told apart by path. */
  url: string;
  port: number;
  appKey: string;
  /** Mints tokens without the browser consent step, for test set-ups and tools. */
  issueTokens(options?: { offline?: boolean }): {
    access_token: string;
    refresh_token?: string;
    expires_in: number;
  };
  /** Injects faults (latency, 429, 500, connection resets, expired tokens); see FaultSettings. */
  injectFaults(settings: FaultSettings): void;
  clearFaults(): void;
  /** Requests received so far, by route name ("files/upload", "/oauth2/token"), injected faults included. */
  requestCounts(): Record<string, number>;
  resetRequestCounts(): void;
  close(): Promise<void>;
}

export async function startLocalbox(options: LocalboxOptions): Promise<Localbox> {
  const config = resolveConfig(options);
  const services = new Services(config);
  const routes = buildRoutes();
  const { limits } = config;
  // Known once listening: port 0 picks one.
  let hosts: ReadonlySet<string> = new Set();
  const gate = new Gate(() => hosts, limits, services);
  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      // Only receiving the request counts: a longpoll's 480 s wait for its answer does not.
      requestTimeout: limits.requestTimeoutMs,
      // How often Node looks for requests past those limits; its default, 30 s, would let a short limit slip.
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    (req, res) => {
      if (!gate.pass(req, res)) return;
      serve(req, res);
    },
  );
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    if (config.logLevel === 'debug') {
      res.on('finish', () => {
        const ms = (performance.now() - started).toFixed(1);
        config.log(`localbox ${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${ms}ms`);
      });
    }
    handle(req, res, routes, services).catch((error) => {
      config.log(`localbox: request failed: ${(error as Error)?.stack ?? error}`);
      res.destroy();
    });
  };
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    services.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  hosts = ownHosts(config.host, port);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    appKey: services.appKey,
    // As from a PKCE sign-in: the refresh token works without the app secret, as the SDK given only a key uses it.
    issueTokens: ({ offline = true } = {}) => services.tokens.issue(services.appKey, SCOPES, offline, true),
    injectFaults: (settings) => {
      services.faults.apply(settings);
      if (settings.expireTokens) services.tokens.expireAll();
    },
    clearFaults: () => services.faults.clear(),
    requestCounts: () => Object.fromEntries(services.requestCounts),
    resetRequestCounts: () => services.requestCounts.clear(),
    close: async () => {
      services.changes.emit('close');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      services.close();
    },
  };
}
