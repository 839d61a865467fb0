import { expect, test } from 'vitest';
import { messageFor } from './messages.ts';

/** A failure as the gateway reports it: only its words for the kind. */
const fromGateway = (kind: string, message: string) => ({ kind, message, generic: true });
const fromCore = (kind: string, message: string) => ({ kind, message, generic: false });

test('opening a file that is gone says it was not opened, not that its text is kept', () => {
  const gone = fromGateway('not_found', 'Nothing is there in Dropbox any more.');
  const words = messageFor(gone, { path: '/gone.txt', opening: true });
  expect(words).toBe(
    'gone.txt is not in Dropbox any more: it may have been moved, renamed or deleted, so it was not opened.',
  );
});

test('an open that cannot reach Dropbox does not speak of saves', () => {
  const unreachable = fromGateway('offline', 'Dropbox cannot be reached.');
  const words = messageFor(unreachable, { path: '/a/notes.md', opening: true });
  expect(words).toBe(
    "Dropbox can't be reached, so notes.md was not opened. Try again when you're back online.",
  );
  expect(messageFor(fromCore('rate_limited', ''), { opening: true })).toBe(
    'Dropbox is busy right now, so the file was not opened. Wait a moment and try again.',
  );
});

test('other calls keep the sentence that promises the open text', () => {
  expect(messageFor(fromCore('not_found', ''), { path: '/gone.txt' })).toMatch(
    /Your text is still open here/,
  );
});
