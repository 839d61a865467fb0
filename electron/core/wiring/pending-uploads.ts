import { phaseOf } from '../documents/document-state.ts';
import type { Documents } from '../documents/documents.ts';
import type { EventHub } from './event-hub.ts';

export interface PendingUploadRetry {
  stop(): void;
}

const FIRST_DELAY_MS = 2000;
const MAX_DELAY_MS = 60_000;

/**
 * Sends every pending save again. A failure is logged, never thrown: the saves stay pending, and the
 * next try (the timer below, or Dropbox answering again) sends them.
 */
export function retryPendingOrLog(
  documents: Pick<Documents, 'retryPending'>,
  log: (line: string) => void,
): Promise<void> {
  return documents.retryPending().catch((error: unknown) => {
    log(`opus: pending uploads not sent: ${(error as Error)?.stack ?? String(error)}`);
  });
}

/**
 * Saves kept as pending uploads are sent again on a timer, doubling from 2 s to a minute while they keep
 * failing. The watcher also retries them as soon as it sees Dropbox come back, but it only notices an
 * outage that reaches its own longpoll: a save refused by 5xx answers, or a blip that its longpoll's
 * retry rode out, would otherwise wait for the next save by hand.
 */
export function retryPendingUploads(
  documents: Pick<Documents, 'list' | 'retryPending'>,
  events: EventHub,
  log: (line: string) => void,
): PendingUploadRetry {
  let delay = FIRST_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const anyPending = () => documents.list().some((doc) => phaseOf(doc) === 'pending_upload');

  const schedule = () => {
    if (timer || stopped || !anyPending()) return;
    timer = setTimeout(async () => {
      await retryPendingOrLog(documents, log);
      timer = null;
      if (anyPending()) {
        delay = Math.min(MAX_DELAY_MS, delay * 2);
        schedule();
      } else {
        delay = FIRST_DELAY_MS;
      }
    }, delay);
    timer.unref?.();
  };

  const unsubscribe = events.subscribe((name, payload) => {
    if (name === 'pendingUploadChanged' && (payload as { state: string }).state === 'pending') schedule();
  });
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}
