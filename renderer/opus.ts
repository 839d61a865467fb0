// The one module that touches window.opus: the preload (Electron) or the page bridge (browser host)
// defines it before any renderer script runs. Everything else imports `opus` from here.
import type { OpusApi } from '../electron/common/contract/api.ts';
import type { Unwritable } from '../electron/common/encodings.ts';
import { type CoreWords, type ErrorContext, messageFor } from './messages.ts';

export type { OpusApi };

function findOpus(): OpusApi | null {
  // No window at all: imported by a unit test under Node.
  if (typeof window === 'undefined') return null;
  return (window as Window & { opus?: OpusApi }).opus ?? null;
}

/** Null only when the page was opened outside Opus (for example a bare `vite preview`). */
export const opus: OpusApi | null = findOpus();

/**
 * Words for people from whatever a call threw: a failed command rejects with the contract's error (kind,
 * message, generic). `context` names the file the call was about, so the sentence can name it too.
 */
export function describeError(error: unknown, context?: ErrorContext): string {
  return messageFor(coreWords(error), context);
}

/** What a refused save could not write, when the thrown value is the contract's error saying so. */
export function unwritableOf(error: unknown): Unwritable | null {
  if (errorKind(error) !== 'unsupported_encoding') return null;
  const { detail } = error as { detail?: { unwritable?: Unwritable } };
  return detail?.unwritable ?? null;
}

/** The contract's error kind, when the thrown value carries one. */
export function errorKind(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'kind' in error) {
    const kind = (error as { kind: unknown }).kind;
    return typeof kind === 'string' ? kind : null;
  }
  return null;
}

// The contract's error, as both hosts reject with it, or anything else a page's own code threw: an Error
// has a message but no kind, and is never the gateway's generic words.
function coreWords(error: unknown): CoreWords {
  const { message, generic } = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    generic?: unknown;
  };
  return {
    kind: errorKind(error),
    message: typeof message === 'string' ? message : '',
    generic: generic === true,
  };
}

export type { CommandResponse } from '../electron/common/contract/commands.ts';
export type { EventPayload } from '../electron/common/contract/events.ts';
// The contract's shapes as plain types (type-only imports: no zod reaches the bundle).
export type {
  AccountShape as Account,
  BrowserEntry,
  ConflictedCopy,
  ConflictResolution,
  ConflictShape as Conflict,
  DocumentSnapshot,
  EncodingShape as Encoding,
  MergeChoice,
  MergeHunk,
  MergeOrigin,
  MergeOriginSpan,
  RemoteFileShape as RemoteFile,
  RestoredDocument,
  SaveResult,
  TextEdit,
  TextFormat,
} from '../electron/common/contract/shapes.ts';
