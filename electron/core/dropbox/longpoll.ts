import { type CallContext, callDropbox } from './dropbox-call.ts';
import { tagChain } from './error-mapping.ts';
import type { LongpollResult } from './gateway.ts';
import { isHttpFailure, routeError } from './wire-failure.ts';

/** Dropbox holds a longpoll up to `timeout` plus a random extra of up to 90 s (to spread reconnects). */
const DROPBOX_JITTER_SECONDS = 90;
/** The `timeout` argument's range; anything else is a 400. */
const MIN_TIMEOUT = 30;
const MAX_TIMEOUT = 480;

export const DEFAULT_LONGPOLL_MARGIN_SECONDS = 15;

/** When we stop waiting: a client timeout under timeout + 90 s would call a healthy server offline. */
export const longpollClientTimeoutMs = (timeoutSeconds: number, marginSeconds: number) =>
  (timeoutSeconds + DROPBOX_JITTER_SECONDS + marginSeconds) * 1000;

/**
 * `files/list_folder/longpoll` on the notify host, without a token (the route is `noauth`, so expired
 * tokens never break the watcher). `reset` (a cursor this Dropbox cannot continue) is an answer, not a
 * failure. A client-side timeout is not retried here: it maps to `offline` and the watcher's own loop
 * decides when to poll again.
 */
export async function longpoll(
  context: CallContext & { longpollMarginSeconds: number },
  cursor: string,
  timeoutSeconds: number,
  signal?: AbortSignal,
): Promise<LongpollResult> {
  const timeout = Math.min(MAX_TIMEOUT, Math.max(MIN_TIMEOUT, Math.round(timeoutSeconds)));
  const clientTimeout = longpollClientTimeoutMs(timeout, context.longpollMarginSeconds);
  try {
    const answer = await callDropbox(
      context,
      async (client) =>
        (await client.filesListFolderLongpoll({ cursor, timeout }, { signal, timeout: clientTimeout }))
          .result,
      { anonymous: true, signal },
    );
    return { kind: answer.changes ? 'changes' : 'timeout', backoffSeconds: answer.backoff };
  } catch (error) {
    if (isHttpFailure(error) && error.status === 409 && tagChain(routeError(error))[0] === 'reset') {
      return { kind: 'reset' };
    }
    throw error;
  }
}
