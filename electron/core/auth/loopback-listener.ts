import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpusError } from '../errors.ts';
import { type AuthLog, silentLog } from './auth-log.ts';
import {
  CALLBACK_PAGE_HEADERS,
  type CallbackProvider,
  deniedPage,
  failedPage,
  notFoundPage,
  signedInPage,
  wrongStatePage,
} from './callback-page.ts';

/**
 * Dropbox matches redirect URIs exactly, port included (it does not apply RFC 8252's "any port on
 * loopback" rule: a port not registered in the App Console is refused), so the app registers
 * a few fixed ports and takes the first free one. Port 0 (any port) works only when a list names it.
 */
export const DEFAULT_LOOPBACK_PORTS: readonly number[] = [53682, 53683, 53684];
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60 * 1000;
export const CALLBACK_PATH = '/callback';
// 127.0.0.1, not localhost: localhost may resolve to ::1 or be answered by something else on this computer.
const LOOPBACK_HOST = '127.0.0.1';

export interface LoopbackOptions {
  /** The state sent in the authorize URL; a callback without it is refused. */
  state: string;
  /** Who the browser signs in with, for the page it lands on; Dropbox unless said otherwise. */
  provider?: CallbackProvider | undefined;
  ports?: readonly number[] | undefined;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  log?: AuthLog | undefined;
}

export interface LoopbackListener {
  /** http://127.0.0.1:<port>/callback, to send as redirect_uri and again with the code exchange. */
  redirectUri: string;
  address: AddressInfo;
  /** The code of the first valid callback; rejects on denial, an OAuth error, the timeout or an abort. */
  code: Promise<string>;
  /** Resolves once the port is released. */
  closed: Promise<void>;
  /** Stops waiting (a pending `code` rejects as cancelled) and releases the port. */
  close(): Promise<void>;
}

const cancelled = () => new OpusError('signed_out', 'Sign-in was cancelled.');
const timedOut = () =>
  new OpusError('signed_out', 'Sign-in timed out before the browser came back to Opus. Please try again.');

function sameState(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function answer(res: ServerResponse, status: number, html: string, last = false): void {
  const headers: Record<string, string> = { ...CALLBACK_PAGE_HEADERS };
  // The last answer closes its connection so that the port is really released once the flow ends.
  if (last) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(html);
}

/** What a valid callback (right state) means for the flow: a code, or why there is none. */
function outcomeOf(
  params: URLSearchParams,
  provider: CallbackProvider,
): { code: string } | { error: OpusError; page: string } | null {
  const error = params.get('error');
  if (error === 'access_denied') {
    const message = 'You chose not to give Opus access to your Dropbox. Sign in again when you are ready.';
    return {
      error: new OpusError('signed_out', message, { tags: 'oauth/access_denied' }),
      page: deniedPage(provider),
    };
  }
  if (error !== null) {
    const why = params.get('error_description') || error;
    const failure = new OpusError('invalid_request', `Dropbox could not complete the sign-in: ${why}`, {
      tags: `oauth/${error}`,
    });
    return { error: failure, page: failedPage(provider) };
  }
  const code = params.get('code');
  return code ? { code } : null;
}

function validatePorts(ports: readonly number[]): void {
  if (ports.length === 0) throw new RangeError('at least one loopback port is needed');
  for (const port of ports)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`bad port ${port}`);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port, host: LOOPBACK_HOST, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function listenOnFirstFree(
  ports: readonly number[],
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  log: AuthLog,
): Promise<Server> {
  for (const port of ports) {
    const server = createServer(handler);
    try {
      await listen(server, port);
      return server;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
      log.info(`sign-in: port ${port} is not available, trying the next one`);
    }
  }
  throw new OpusError(
    'unknown',
    `Opus could not wait for the browser: ports ${ports.join(', ')} are all in use by other programs. ` +
      'Close them and try again, or sign in by pasting a code.',
  );
}

/**
 * The redirect target of the system-browser sign-in: a one-shot HTTP server on 127.0.0.1 that waits
 * for Dropbox to send the browser back with `code` and `state`, answers with a small page, and closes.
 */
export async function startLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  const { state, signal } = options;
  const provider = options.provider ?? 'dropbox';
  const ports = options.ports ?? DEFAULT_LOOPBACK_PORTS;
  const log = options.log ?? silentLog;
  validatePorts(ports);
  if (signal?.aborted) throw cancelled();

  let settled = false;
  let settle: { resolve(code: string): void; reject(error: OpusError): void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Callers may stop listening without ever reading `code`; that must not be an unhandled rejection.
  code.catch(() => {});

  let server: Server | undefined;
  let timer: NodeJS.Timeout | undefined;

  const shutDown = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (!server?.listening) return;
    server.close();
    // Keep-alive connections from earlier requests (a favicon, a refused state) would hold the port.
    server.closeIdleConnections();
  };
  const finish = (outcome: { code: string } | { error: OpusError }) => {
    if (settled) return;
    settled = true;
    shutDown();
    if ('code' in outcome) settle?.resolve(outcome.code);
    else settle?.reject(outcome.error);
  };
  const onAbort = () => {
    if (!settled) log.info('sign-in: cancelled');
    finish({ error: cancelled() });
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}`);
    if (url.pathname !== CALLBACK_PATH || req.method !== 'GET') return answer(res, 404, notFoundPage());
    // A request already on its way when the flow ended: its code (if any) is not looked at.
    if (settled) return answer(res, 400, failedPage(provider), true);
    if (!sameState(url.searchParams.get('state'), state)) {
      // Possibly a stale tab from an earlier attempt, possibly forged: either way, keep waiting.
      log.warn('sign-in: refused a callback whose state does not match this sign-in');
      return answer(res, 400, wrongStatePage());
    }
    const outcome = outcomeOf(url.searchParams, provider);
    if (outcome === null) {
      log.warn('sign-in: refused a callback with neither a code nor an error');
      return answer(res, 400, failedPage(provider));
    }
    if ('code' in outcome) {
      log.info('sign-in: the browser came back with a code');
      answer(res, 200, signedInPage(provider), true);
    } else {
      log.info(`sign-in: the browser came back with an error (${outcome.error.detail.tags})`);
      answer(res, 200, outcome.page, true);
    }
    res.once('finish', () => server?.closeAllConnections());
    finish(outcome);
  };

  server = await listenOnFirstFree(ports, handle, log);
  const listening = server;
  const closed = new Promise<void>((resolve) => listening.once('close', () => resolve()));
  const address = server.address() as AddressInfo;
  const redirectUri = `http://${LOOPBACK_HOST}:${address.port}${CALLBACK_PATH}`;
  log.info(`sign-in: waiting for the browser on ${redirectUri}`);
  timer = setTimeout(() => {
    log.info('sign-in: timed out waiting for the browser');
    finish({ error: timedOut() });
  }, options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();

  return {
    redirectUri,
    address,
    code,
    closed,
    close: async () => {
      finish({ error: cancelled() });
      await closed;
    },
  };
}
