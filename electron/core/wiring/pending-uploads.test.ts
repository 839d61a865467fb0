import { afterEach, expect, test, vi } from 'vitest';
import type { OpenDocument } from '../documents/open-document.ts';
import { EventHub } from './event-hub.ts';
import { retryPendingOrLog, retryPendingUploads } from './pending-uploads.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** Documents with one save waiting, whose every retry fails as `failure` says. */
function documentsWhoseRetryFails(failure: Error) {
  const pending = {
    conflict: null,
    pending: { text: 'written offline\n', againstRev: 'rev-seen' },
  } as unknown as OpenDocument;
  return {
    list: () => [pending],
    retryPending: vi.fn(() => Promise.reject(failure)),
  };
}

test('a retry of the waiting saves that fails is logged, and the saves are tried again later', async () => {
  vi.useFakeTimers();
  const documents = documentsWhoseRetryFails(new Error('the journal could not be read'));
  const events = new EventHub();
  const lines: string[] = [];
  const retry = retryPendingUploads(documents, events, (line) => lines.push(line));

  events.emit('pendingUploadChanged', { documentId: 'd1', state: 'pending' });
  await vi.advanceTimersByTimeAsync(2000);
  expect(documents.retryPending).toHaveBeenCalledTimes(1);
  expect(lines).toEqual([expect.stringContaining('the journal could not be read')]);
  expect(lines[0]).toMatch(/^opus: pending uploads not sent: /);

  // Still pending: the next try comes after twice the wait.
  await vi.advanceTimersByTimeAsync(4000);
  expect(documents.retryPending).toHaveBeenCalledTimes(2);
  expect(lines).toHaveLength(2);
  retry.stop();
});

test('Dropbox answering again with a retry that fails logs it and throws nothing', async () => {
  const documents = documentsWhoseRetryFails(new Error('upload refused'));
  const lines: string[] = [];
  await expect(retryPendingOrLog(documents, (line) => lines.push(line))).resolves.toBeUndefined();
  expect(lines).toEqual([expect.stringContaining('upload refused')]);
});
