import type { ErrorKind } from '../../common/contract/shapes.ts';
import { type ErrorDetail, OpusError } from '../errors.ts';
import {
  type HttpFailure,
  isAbort,
  isHttpFailure,
  isNetworkFailure,
  isRecord,
  retryAfterSeconds,
  routeError,
} from './wire-failure.ts';

/**
 * The `.tag` chain of a Stone union, outermost first: `path/conflict/file`. A member holding a union
 * nests it under the tag's name (`{".tag":"path","path":{…}}`); a member holding a struct inlines the
 * struct's fields, so the next union sits in one of them (`upload`'s `{".tag":"path","reason":{…}}`,
 * 429's `{"reason":{…},"retry_after":1}`). We walk tags, never `error_summary`: its trailing dots vary.
 */
export function tagChain(union: unknown): string[] {
  const chain: string[] = [];
  let node: unknown = union;
  while (isRecord(node)) {
    const tag = node['.tag'];
    if (typeof tag === 'string') chain.push(tag);
    const nested = typeof tag === 'string' ? node[tag] : undefined;
    node = isRecord(nested) ? nested : Object.values(node).find((v) => isRecord(v) && '.tag' in v);
  }
  return chain;
}

/** The first tag of the chain that means something to Opus decides the kind; `path` and friends say where. */
const KIND_OF_TAG: Record<string, ErrorKind> = {
  conflict: 'conflict',
  not_found: 'not_found',
  // list_folder/continue: the cursor is dead; the caller lists again, as for a folder that is gone.
  reset: 'not_found',
  payload_too_large: 'too_large',
  too_large: 'too_large',
  insufficient_space: 'insufficient_space',
  insufficient_quota: 'insufficient_space',
  malformed_path: 'malformed_path',
  disallowed_name: 'malformed_path',
  too_many_write_operations: 'rate_limited',
  too_many_requests: 'rate_limited',
  not_file: 'invalid_request',
  not_folder: 'invalid_request',
  content_hash_mismatch: 'invalid_request',
};

const WORDS: Record<ErrorKind, string> = {
  conflict: 'The file was changed in Dropbox since it was opened.',
  not_found: 'Nothing is there in Dropbox any more.',
  rate_limited: 'Dropbox asks to slow down; try again shortly.',
  offline: 'Dropbox cannot be reached.',
  auth_expired: 'The Dropbox session expired.',
  signed_out: 'Dropbox no longer accepts this sign-in; please sign in again.',
  missing_scope: 'This sign-in does not allow Opus to do that in Dropbox.',
  too_large: 'The file is too large for Dropbox.',
  insufficient_space: 'Your Dropbox is full.',
  malformed_path: 'Dropbox does not accept that name or path.',
  binary_file: 'This file is not text.',
  unsupported_encoding: 'This file uses an encoding Opus cannot read.',
  guard: 'The save was stopped to protect the file.',
  local_io: 'This computer could not read or write the file.',
  invalid_request: 'Dropbox refused the request.',
  update_failed: 'Opus could not update itself.',
  unknown: 'Dropbox answered with an unexpected error.',
};

/**
 * The gateway's words for a bare kind, marked `generic`: they say nothing of this case, so the page puts
 * its own sentence in their place. A path, tag or text is not a thing to show; details go in `detail.tags`.
 */
export const gatewayError = (kind: ErrorKind, detail: ErrorDetail = {}): OpusError =>
  new OpusError(kind, WORDS[kind], detail, true);

function fromRouteError(failure: HttpFailure): OpusError {
  const union = routeError(failure);
  const chain = tagChain(union);
  const tags = chain.join('/');
  const kind = chain.map((tag) => KIND_OF_TAG[tag]).find((k) => k !== undefined) ?? 'unknown';
  if (kind === 'conflict') {
    // Only files/upload keeps the refused bytes; upload_session/finish's conflict has no session to reuse.
    const id = isRecord(union) ? union.upload_session_id : undefined;
    return gatewayError('conflict', { tags, uploadSessionId: typeof id === 'string' ? id : undefined });
  }
  if (kind === 'rate_limited') return gatewayError(kind, { tags, retryAfter: retryAfterSeconds(failure) });
  return gatewayError(kind, { tags });
}

function fromHttpFailure(failure: HttpFailure): OpusError {
  const { status } = failure;
  // 400 bodies are plain text and say which argument was wrong: worth keeping for the log and the report.
  if (status === 400) {
    const text = typeof failure.error === 'string' ? failure.error : JSON.stringify(failure.error);
    const detail = { tags: 'bad_request' };
    return text ? new OpusError('invalid_request', text, detail) : gatewayError('invalid_request', detail);
  }
  if (status === 401) {
    const union = routeError(failure);
    const tags = tagChain(union).join('/');
    // The sign-in still works, for what it was granted: not a reason to sign the user out.
    if (tags === 'missing_scope') {
      const scope = isRecord(union) ? union.required_scope : undefined;
      return gatewayError('missing_scope', {
        tags,
        missingScope: typeof scope === 'string' ? scope : undefined,
      });
    }
    return gatewayError(tags.startsWith('expired_access_token') ? 'auth_expired' : 'signed_out', { tags });
  }
  if (status === 409) return fromRouteError(failure);
  if (status === 429) {
    const tags = tagChain(routeError(failure)).join('/') || 'too_many_requests';
    return gatewayError('rate_limited', { tags, retryAfter: retryAfterSeconds(failure) });
  }
  if (status >= 500) return gatewayError('offline', { tags: `http_${status}` });
  return gatewayError('unknown', { tags: `http_${status}/${tagChain(routeError(failure)).join('/')}` });
}

/**
 * The one place Dropbox failures become OpusErrors, after retries were spent. Cancellation is not a
 * failure: an AbortError is returned as it is, so callers that aborted see their own signal's reason.
 */
export function toOpusError(error: unknown): unknown {
  if (error instanceof OpusError || isAbort(error)) return error;
  if (isHttpFailure(error)) return fromHttpFailure(error);
  if (isNetworkFailure(error)) return gatewayError('offline', { tags: 'network' });
  const wrapped = gatewayError('unknown');
  wrapped.cause = error;
  return wrapped;
}

/** The 401 Dropbox sends for a token past its expiry: refresh once and try again. */
export function isExpiredToken(error: unknown): boolean {
  return (
    isHttpFailure(error) && error.status === 401 && tagChain(routeError(error))[0] === 'expired_access_token'
  );
}

/**
 * The raw 409s a committing write meets when its own earlier attempt landed after all: the file is now
 * there (a conflict), or the upload session it committed is gone (`lookup_failed/not_found`).
 */
export function refusedAsDuplicate(error: unknown): boolean {
  if (!isHttpFailure(error) || error.status !== 409) return false;
  const chain = tagChain(routeError(error));
  return chain.includes('conflict') || (chain[0] === 'lookup_failed' && chain[1] === 'not_found');
}
