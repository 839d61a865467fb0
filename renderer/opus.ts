// The one module that touches window.opus: the preload (Electron) or the page bridge (browser host)
// defines it before any renderer script runs. Everything else imports `opus` from here.
import type { OpusApi } from '../electron/core/contract/api.ts';

export type { OpusApi };

function findOpus(): OpusApi | null {
  return (window as Window & { opus?: OpusApi }).opus ?? null;
}

/** Null only when the page was opened outside Opus (for example a bare `vite preview`). */
export const opus: OpusApi | null = findOpus();

/** Words for people from whatever a call threw: the bridge throws errors that carry a kind. */
export function describeError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

/** The contract's error kind, when the thrown value carries one. */
export function errorKind(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'kind' in error) {
    const kind = (error as { kind: unknown }).kind;
    return typeof kind === 'string' ? kind : null;
  }
  return null;
}

export type { CommandResponse } from '../electron/core/contract/commands.ts';
export type { EventPayload } from '../electron/core/contract/events.ts';
// The contract's shapes as plain types (type-only imports: no zod reaches the bundle).
export type {
  AccountShape as Account,
  BrowserEntry,
  ConflictShape as Conflict,
  DocumentSnapshot,
  RemoteFileShape as RemoteFile,
  SaveResult,
} from '../electron/core/contract/shapes.ts';
