/**
 * The ways localbox says no, each with Dropbox's own status and body: 400 plain text for malformed
 * calls, 401 an AuthError, 409 a route error, 422 a PathRootError, 429 a rate limit.
 */

export type Union = { '.tag': string; [field: string]: unknown };

/** 400: the call itself is malformed (bad JSON, schema or pattern failure, unknown route). */
export class BadRequest extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

/** 409: the route's own error union, in Stone's JSON encoding. */
export class RouteError extends Error {
  constructor(
    readonly error: Union,
    readonly userMessage?: string,
  ) {
    super(errorSummary(error));
  }
}

/** 401 with an AuthError tag. */
export class AuthFailure extends Error {
  constructor(
    readonly tag: 'invalid_access_token' | 'expired_access_token' | 'missing_scope',
    readonly extra: Record<string, unknown> = {},
  ) {
    super(tag);
  }
}

/** 422: the `Dropbox-API-Path-Root` header names a root this user cannot use (common.PathRootError). */
export class PathRootFailure extends Error {
  constructor(readonly error: Union) {
    super(errorSummary(error));
  }
}

/** 429 with Retry-After. */
export class RateLimited extends Error {
  constructor(
    readonly retryAfter: number,
    readonly reason: 'too_many_requests' | 'too_many_write_operations' = 'too_many_requests',
  ) {
    super(reason);
  }
}

/** An error out of a WriteError union, to be wrapped differently by upload and upload_session/finish. */
export class WriteFailure extends Error {
  constructor(readonly reason: Union) {
    super(errorSummary(reason));
  }
}

export const tag = (name: string, value?: Record<string, unknown>): Union => ({ '.tag': name, ...value });

/**
 * Dropbox's error_summary: the chain of union tags joined by "/", then "/" and some dots. Struct fields
 * (such as upload's `reason`) are inlined beside the tag and contribute their own tags, not their names.
 */
export function errorSummary(error: unknown): string {
  const chain = tagChain(error);
  return `${chain.join('/')}/${chain.length >= 3 ? '...' : '..'}`;
}

function tagChain(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = typeof record['.tag'] === 'string' ? (record['.tag'] as string) : undefined;
  const nested = own !== undefined ? record[own] : undefined;
  if (nested && typeof nested === 'object' && '.tag' in nested) return [own as string, ...tagChain(nested)];
  for (const [key, field] of Object.entries(record)) {
    if (key !== '.tag' && field && typeof field === 'object' && '.tag' in field) {
      return own !== undefined ? [own, ...tagChain(field)] : tagChain(field);
    }
  }
  return own !== undefined ? [own] : [];
}
