/**
 * What a failed exchange with Dropbox looks like before it becomes an OpusError: an HTTP answer that was
 * not 2xx (the SDK's DropboxResponseError, or our own for /oauth2/token), or a network failure from fetch.
 */
export interface HttpFailure {
  status: number;
  headers?: Headers | undefined;
  /** The parsed body: the `{ error_summary, error }` envelope for JSON answers, a string for 400's text. */
  error: unknown;
}

/** A non-2xx answer to a request the SDK does not make for us (the token refresh). */
export class HttpStatusError extends Error implements HttpFailure {
  constructor(
    readonly status: number,
    readonly headers: Headers | undefined,
    readonly error: unknown,
  ) {
    super(`Response failed with a ${status} code`);
    this.name = 'HttpStatusError';
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Duck-typed rather than `instanceof DropboxResponseError`: a bundled build loads the SDK's `es/` copy,
 * whose class is not the one a CommonJS import would give us.
 */
export function isHttpFailure(error: unknown): error is HttpFailure {
  return isRecord(error) && typeof error.status === 'number' && 'error' in error;
}

/** The route's error union: `e.error.error` for the SDK's envelope (`e.error` alone is the envelope). */
export function routeError(failure: HttpFailure): unknown {
  return isRecord(failure.error) ? failure.error.error : undefined;
}

/** Errors a connection attempt gives before any byte was sent: the server cannot have acted on them. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK = new Set([...NOT_SENT, 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let cause = error, depth = 0; isRecord(cause) && depth < 5; cause = cause.cause, depth++) {
    if (typeof cause.code === 'string') codes.push(cause.code);
  }
  return codes;
}

/**
 * Node's fetch (undici) reports network trouble as `TypeError('fetch failed')` before the answer and
 * `TypeError('terminated')` while reading the body, the socket error in `cause`; a request timeout is a
 * `TimeoutError`. Other TypeErrors are bugs and must not be retried as if the network had failed.
 */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isTimeout(error)) return true;
  if (error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated'))
    return true;
  return codesOf(error).some((code) => NETWORK.has(code) || code.startsWith('UND_ERR_'));
}

/** A network failure after which the request may have reached Dropbox (and a write may have landed). */
export function mayHaveBeenApplied(error: unknown): boolean {
  if (isHttpFailure(error)) return error.status >= 500;
  return isNetworkFailure(error) && !codesOf(error).some((code) => NOT_SENT.has(code));
}

/** Seconds Dropbox asked us to wait: the Retry-After header, else `retry_after` in the 429 body. */
export function retryAfterSeconds(failure: HttpFailure): number | undefined {
  const header = Number.parseInt(failure.headers?.get('retry-after') ?? '', 10);
  if (Number.isFinite(header) && header >= 0) return header;
  const body = routeError(failure);
  const fromBody = isRecord(body) ? body.retry_after : undefined;
  return typeof fromBody === 'number' && fromBody >= 0 ? fromBody : undefined;
}

export const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/** The SDK's per-request `timeout` (AbortSignal.timeout) fires as a TimeoutError. */
export const isTimeout = (error: unknown) => error instanceof Error && error.name === 'TimeoutError';
