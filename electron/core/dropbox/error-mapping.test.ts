import { describe, expect, it } from 'vitest';
import { OpusError } from '../errors.ts';
import { isExpiredToken, refusedAsDuplicate, tagChain, toOpusError } from './error-mapping.ts';
import { HttpStatusError } from './wire-failure.ts';

// The route errors below are Stone's canonical encodings (the route error types of Dropbox's
// dropbox/dropbox-api-spec, serialized as dropbox/stone's json_serializer says); localbox answers the
// same, and the gateway tests meet them over HTTP. Here: the shapes localbox cannot produce on demand.
const envelope = (status: number, error: unknown, headers?: Record<string, string>) =>
  new HttpStatusError(status, new Headers(headers), { error_summary: 'ignored/...', error });

const kindOf = (error: unknown) => (toOpusError(error) as OpusError).kind;

describe('tagChain', () => {
  it('follows nested unions and inlined structs alike', () => {
    expect(
      tagChain({ '.tag': 'path', reason: { '.tag': 'conflict', conflict: { '.tag': 'file' } } }),
    ).toEqual(['path', 'conflict', 'file']);
    expect(tagChain({ '.tag': 'path', path: { '.tag': 'conflict', conflict: { '.tag': 'file' } } })).toEqual([
      'path',
      'conflict',
      'file',
    ]);
    expect(
      tagChain({ '.tag': 'lookup_failed', lookup_failed: { '.tag': 'incorrect_offset', correct_offset: 4 } }),
    ).toEqual(['lookup_failed', 'incorrect_offset']);
    expect(tagChain({ reason: { '.tag': 'too_many_write_operations' }, retry_after: 1 })).toEqual([
      'too_many_write_operations',
    ]);
    expect(tagChain('a string')).toEqual([]);
  });
});

describe('toOpusError', () => {
  it('maps by tag, never by error_summary', () => {
    expect(
      kindOf(envelope(409, { '.tag': 'to', to: { '.tag': 'conflict', conflict: { '.tag': 'folder' } } })),
    ).toBe('conflict');
    expect(kindOf(envelope(409, { '.tag': 'path_lookup', path_lookup: { '.tag': 'not_found' } }))).toBe(
      'not_found',
    );
    expect(kindOf(envelope(409, { '.tag': 'path', reason: { '.tag': 'disallowed_name' } }))).toBe(
      'malformed_path',
    );
    expect(kindOf(envelope(409, { '.tag': 'lookup_failed', lookup_failed: { '.tag': 'too_large' } }))).toBe(
      'too_large',
    );
    expect(kindOf(envelope(409, { '.tag': 'path', reason: { '.tag': 'no_write_permission' } }))).toBe(
      'unknown',
    );
  });

  it('keeps the upload_session_id of an upload conflict, and the wait of a lock contention', () => {
    const upload = toOpusError(
      envelope(409, {
        '.tag': 'path',
        reason: { '.tag': 'conflict', conflict: { '.tag': 'file' } },
        upload_session_id: 'pid_upload_session:X',
      }),
    );
    expect(upload).toMatchObject({ kind: 'conflict', detail: { uploadSessionId: 'pid_upload_session:X' } });
    const busy = toOpusError(
      envelope(429, { reason: { '.tag': 'too_many_write_operations' }, retry_after: 4 }),
    );
    expect(busy).toMatchObject({
      kind: 'rate_limited',
      detail: { retryAfter: 4, tags: 'too_many_write_operations' },
    });
    const text = toOpusError(
      new HttpStatusError(429, new Headers({ 'Retry-After': '7' }), 'Too many requests'),
    );
    expect(text).toMatchObject({ kind: 'rate_limited', detail: { retryAfter: 7 } });
  });

  it('tells an expired token (refresh) and a missing scope from any other 401 (sign in again)', () => {
    const expired = envelope(401, { '.tag': 'expired_access_token' });
    expect(isExpiredToken(expired)).toBe(true);
    expect(kindOf(expired)).toBe('auth_expired');
    const scope = envelope(401, { '.tag': 'missing_scope', required_scope: 'files.content.write' });
    expect(isExpiredToken(scope)).toBe(false);
    expect(toOpusError(scope)).toMatchObject({
      kind: 'missing_scope',
      detail: { missingScope: 'files.content.write' },
    });
    expect(kindOf(envelope(401, { '.tag': 'invalid_access_token' }))).toBe('signed_out');
  });

  it("marks its own words for a kind as generic; a 400's text says something of this case", () => {
    expect(toOpusError(envelope(503, 'busy'))).toMatchObject({
      kind: 'offline',
      message: 'Dropbox cannot be reached.',
      generic: true,
    });
    expect(toOpusError(envelope(409, { '.tag': 'path', path: { '.tag': 'not_found' } }))).toMatchObject({
      kind: 'not_found',
      generic: true,
    });
    const refused = toOpusError(new HttpStatusError(400, undefined, 'Error in call: bad "path"'));
    expect(refused).toMatchObject({
      kind: 'invalid_request',
      message: 'Error in call: bad "path"',
      generic: false,
    });
    expect(toOpusError(new HttpStatusError(400, undefined, ''))).toMatchObject({
      kind: 'invalid_request',
      message: 'Dropbox refused the request.',
      generic: true,
    });
    expect(new OpusError('local_io', 'Could not write /home/ann/notes.txt.').generic).toBe(false);
  });

  it('passes OpusErrors and aborts through; wraps bugs as unknown with the cause', () => {
    const own = new OpusError('guard', 'kept');
    expect(toOpusError(own)).toBe(own);
    const abort = new DOMException('stop', 'AbortError');
    expect(toOpusError(abort)).toBe(abort);
    const bug = new TypeError('x is not a function');
    expect(toOpusError(bug)).toMatchObject({ kind: 'unknown', cause: bug });
  });
});

describe('refusedAsDuplicate', () => {
  it('is a conflict or a session already used up, nothing else', () => {
    expect(
      refusedAsDuplicate(
        envelope(409, { '.tag': 'path', path: { '.tag': 'conflict', conflict: { '.tag': 'file' } } }),
      ),
    ).toBe(true);
    expect(
      refusedAsDuplicate(envelope(409, { '.tag': 'lookup_failed', lookup_failed: { '.tag': 'not_found' } })),
    ).toBe(true);
    expect(refusedAsDuplicate(envelope(409, { '.tag': 'path', path: { '.tag': 'not_found' } }))).toBe(false);
    expect(refusedAsDuplicate(envelope(500, 'oops'))).toBe(false);
  });
});
