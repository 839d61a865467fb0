import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { receiveBody } from '../http/body.ts';
import {
  AuthFailure,
  BadRequest,
  errorSummary,
  PathRootFailure,
  RateLimited,
  RouteError,
  tag,
} from '../http/errors.ts';
import { headerSafeJson, routeErrorBody, sendJson, sendText } from '../http/respond.ts';
import { authenticate, readArg } from './api-call.ts';
import { parseRange } from './range.ts';
import type { ApiRoute, Download, RawRoute, StoredBody } from './route.ts';
import type { Services } from './services.ts';

export interface RouteTable {
  api: Map<string, ApiRoute>;
  raw: Map<string, RawRoute>;
}

/** Serves one request: faults, routing, authentication, argument and body, handler, and Dropbox's error shapes. */
export async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  routes: RouteTable,
  services: Services,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localbox');
  const raw = routes.raw.get(url.pathname);
  const api = url.pathname.startsWith('/2/') ? routes.api.get(url.pathname.slice(3)) : undefined;
  let loseAnswer = false;
  try {
    if (raw) {
      if (!raw.methods.includes(req.method ?? ''))
        throw new BadRequest(`Request method ${req.method} is not allowed here.`);
      // Counted before faults: a 429 or a reset is still a round trip the client made.
      if (!url.pathname.startsWith('/__localbox/')) services.countRequest(url.pathname);
      const fault = raw.faultable ? await injectFault(req, res, services, url.pathname, false) : null;
      if (fault === 'answered') return;
      if (fault === 'lose_answer') dropAnswer(req, res);
      await raw.handle(req, res, url, services);
      return;
    }
    if (!api) throw new BadRequest(`Unknown API function: "${url.pathname}"`);
    const allowed = api.style === 'download' ? ['POST', 'GET'] : ['POST'];
    if (!allowed.includes(req.method ?? '')) {
      throw new BadRequest(
        `Error in call to API function "${api.name}": Request method must be ${allowed.join(' or ')}.`,
      );
    }
    services.countRequest(api.name);
    const fault = await injectFault(req, res, services, api.name, api.style === 'download');
    if (fault === 'answered') return;
    loseAnswer = fault === 'lose_answer';
    await serveApi(api, req, res, url, services, loseAnswer);
  } catch (error) {
    // A client that hung up mid-request ("aborted") has nobody to answer and is not a server fault.
    if (req.socket.destroyed || loseAnswer) {
      req.socket.destroy();
      res.destroy();
      return;
    }
    req.resume();
    sendError(res, error, services);
  }
}

async function serveApi(
  route: ApiRoute,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  services: Services,
  loseAnswer: boolean,
): Promise<void> {
  const caller = authenticate(route, req, url, services);
  const arg = await readArg(route, req, url);
  let body: StoredBody | undefined;
  if (route.style === 'upload') {
    const received = await receiveBody(req, services.blobs.newTempPath(), services.config.maxUploadBytes);
    if (received.kind === 'too_large') throw new RouteError(tag('payload_too_large'));
    body = received;
  } else {
    req.resume();
  }
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  try {
    const result = await route.handle({ arg, services, body, caller, req, signal: abort.signal });
    if (res.destroyed) return;
    if (loseAnswer) {
      req.socket.destroy();
      return;
    }
    if (route.style === 'download') sendDownload(req, res, result as Download);
    else sendJson(res, 200, result === undefined ? null : result);
  } finally {
    // A handler that did not adopt the body into a blob or a session leaves only a temp file to drop.
    if (body) await rm(body.tempPath, { force: true });
  }
}

/** A raw route writes its own answer: whatever it writes now hangs up instead (loseAnswerNext). */
function dropAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.write = () => {
    req.socket.destroy();
    return false;
  };
  res.end = () => {
    req.socket.destroy();
    return res;
  };
}

function sendDownload(req: IncomingMessage, res: ServerResponse, download: Download): void {
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    'Dropbox-API-Result': headerSafeJson(download.result),
    ETag: `W/"${download.etag}"`,
    'Accept-Ranges': 'bytes',
  };
  if (req.headers['if-none-match']?.includes(download.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const range = parseRange(req.headers.range, download.size);
  if (range === 'unsatisfiable') {
    sendText(res, 416, 'Requested range not satisfiable', { 'Content-Range': `bytes */${download.size}` });
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? download.size - 1;
  const length = Math.max(0, end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${download.size}`;
  res.writeHead(range ? 206 : 200, { ...headers, 'Content-Length': String(length) });
  if (length === 0) {
    res.end();
    return;
  }
  const stream = createReadStream(download.file, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Applies injected latency and the next queued fault: 'answered' when the fault answered the request,
 * 'lose_answer' when the request is to be carried out and its answer dropped, null when nothing applies.
 */
async function injectFault(
  req: IncomingMessage,
  res: ServerResponse,
  services: Services,
  route: string,
  isDownload: boolean,
): Promise<'answered' | 'lose_answer' | null> {
  const { faults } = services;
  if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  const fault = faults.take(route);
  if (!fault) return null;
  if (fault.kind === 'lose_answer') return 'lose_answer';
  if (fault.kind === 'rate_limit') {
    req.resume();
    const error = { reason: tag('too_many_requests'), retry_after: fault.retryAfter };
    sendJson(
      res,
      429,
      { error_summary: errorSummary(error), error },
      { 'Retry-After': String(fault.retryAfter) },
    );
  } else if (fault.kind === 'fail') {
    req.resume();
    sendText(res, 500, 'Internal Server Error (injected by localbox)');
  } else {
    await resetMidBody(req, res, isDownload);
  }
  return 'answered';
}

async function resetMidBody(req: IncomingMessage, res: ServerResponse, isDownload: boolean): Promise<void> {
  if (isDownload) {
    // Promise the client the whole answer, then hang up after the first bytes of it.
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '1048576' });
    res.write(Buffer.alloc(1024));
    setImmediate(() => res.destroy());
    return;
  }
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody) await new Promise((resolve) => req.once('data', resolve).once('end', resolve));
  req.socket.destroy();
}

function sendError(res: ServerResponse, error: unknown, services: Services): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof RouteError) sendJson(res, 409, routeErrorBody(error.error, error.userMessage));
  else if (error instanceof BadRequest) sendText(res, 400, error.text);
  else if (error instanceof AuthFailure) {
    const body = { '.tag': error.tag, ...error.extra };
    sendJson(res, 401, { error_summary: errorSummary(body), error: body });
  } else if (error instanceof PathRootFailure) {
    sendJson(res, 422, { error_summary: errorSummary(error.error), error: error.error });
  } else if (error instanceof RateLimited) {
    const body = { reason: tag(error.reason), retry_after: error.retryAfter };
    sendJson(
      res,
      429,
      { error_summary: errorSummary(body), error: body },
      { 'Retry-After': String(error.retryAfter) },
    );
  } else {
    if (services.config.logLevel !== 'silent')
      services.config.log(`localbox: internal error: ${(error as Error)?.stack ?? error}`);
    sendText(res, 500, 'Internal Server Error');
  }
}
