import type { ErrorKind, RemoteFileShape as RemoteFile } from '../common/contract/shapes.ts';
import type { Unwritable } from '../common/encodings.ts';

export interface ErrorDetail {
  /** conflict: what Dropbox has now (absent when the file was deleted meanwhile). */
  remote?: RemoteFile | undefined;
  /** conflict on upload: Dropbox kept the refused bytes under this session id. */
  uploadSessionId?: string | undefined;
  /** rate_limited: seconds to wait. */
  retryAfter?: number | undefined;
  /** unsupported_encoding on a save: the characters the encoding cannot hold, and where they are. */
  unwritable?: Unwritable | undefined;
  /** missing_scope: the scope Dropbox said the route needs (its `required_scope`). */
  missingScope?: string | undefined;
  /** The Dropbox tag chain, for logs only; never shown, never branched on outside the gateway. */
  tags?: string | undefined;
}

export class OpusError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly detail: ErrorDetail = {},
    /**
     * The message is only the gateway's words for the kind (dropbox/error-mapping.ts), nothing of this
     * case: the page shows its own sentence instead, which can name the file and say what to do.
     */
    readonly generic = false,
  ) {
    super(message);
    this.name = 'OpusError';
  }
}

export const isOpusError = (error: unknown, kind?: ErrorKind): error is OpusError =>
  error instanceof OpusError && (kind === undefined || error.kind === kind);
