import { expect, test } from 'vitest';
import { GATEWAY_WORDS, messageFor } from './messages.ts';

test('opening a file that is gone says it was not opened, not that its text is kept', () => {
  const words = messageFor('not_found', GATEWAY_WORDS.not_found ?? '', { path: '/gone.txt', opening: true });
  expect(words).toBe(
    'gone.txt is not in Dropbox any more: it may have been moved, renamed or deleted, so it was not opened.',
  );
});

test('an open that cannot reach Dropbox does not speak of saves', () => {
  const words = messageFor('offline', GATEWAY_WORDS.offline ?? '', { path: '/a/notes.md', opening: true });
  expect(words).toBe(
    "Dropbox can't be reached, so notes.md was not opened. Try again when you're back online.",
  );
  expect(messageFor('rate_limited', '', { opening: true })).toBe(
    'Dropbox is busy right now, so the file was not opened. Wait a moment and try again.',
  );
});

test('other calls keep the sentence that promises the open text', () => {
  expect(messageFor('not_found', '', { path: '/gone.txt' })).toMatch(/Your text is still open here/);
});
