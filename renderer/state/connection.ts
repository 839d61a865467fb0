import type { EventPayload } from '../opus.ts';

export interface Connection {
  online: boolean;
  /** Documents whose offline save waits to be uploaded. */
  pending: ReadonlySet<string>;
}

/** Opus assumes Dropbox is reachable until the watcher says otherwise. */
export const INITIAL_CONNECTION: Connection = { online: true, pending: new Set() };

export function applyConnectionChanged(
  state: Connection,
  change: EventPayload<'connectionChanged'>,
): Connection {
  return state.online === change.online ? state : { ...state, online: change.online };
}

/** `pending` adds the document; `uploaded` and `conflict` both end the wait (a conflict opens its own flow). */
export function applyPendingUploadChanged(
  state: Connection,
  change: EventPayload<'pendingUploadChanged'>,
): Connection {
  const waiting = state.pending.has(change.documentId);
  if ((change.state === 'pending') === waiting) return state;
  const pending = new Set(state.pending);
  if (change.state === 'pending') pending.add(change.documentId);
  else pending.delete(change.documentId);
  return { ...state, pending };
}
