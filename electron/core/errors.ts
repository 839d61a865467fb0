import type { RemoteFile } from './dropbox/remote-file.ts';

/**
 * Every failure the user can meet, from a small closed set. The gateway maps Dropbox's `.tag` chains to
 * these once; everything above it branches on `kind`, and the renderer turns kinds into words.
 */
export type ErrorKind =
  | 'conflict'
  | 'not_found'
  | 'rate_limited'
  | 'offline'
  | 'auth_expired'
  | 'signed_out'
  | 'too_large'
  | 'insufficient_space'
  | 'malformed_path'
  | 'binary_file'
  | 'unsupported_encoding'
  | 'guard'
  /** This computer's disk (the journal, a download's target): full, read-only, missing. */
  | 'local_io'
  | 'invalid_request'
  | 'unknown';

export interface ErrorDetail {
  /** conflict: what Dropbox has now (absent when the file was deleted meanwhile). */
  remote?: RemoteFile | undefined;
  /** conflict on upload: Dropbox kept the refused bytes under this session id. */
  uploadSessionId?: string | undefined;
  /** rate_limited: seconds to wait. */
  retryAfter?: number | undefined;
  /** The Dropbox tag chain, for logs only; never shown, never branched on outside the gateway. */
  tags?: string | undefined;
}

export class OpusError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly detail: ErrorDetail = {},
  ) {
    super(message);
    this.name = 'OpusError';
  }
}

export const isOpusError = (error: unknown, kind?: ErrorKind): error is OpusError =>
  error instanceof OpusError && (kind === undefined || error.kind === kind);
