import { expect, test } from 'vitest';
import { checkAnswerWords, refusalWords, updateStatusWords } from './update-words.ts';

test('the status bar shows a download’s percent, then that the update is ready, and nothing otherwise', () => {
  expect(updateStatusWords({ phase: 'available', version: '0.2.0' })).toBe('Downloading update 0 %');
  expect(updateStatusWords({ phase: 'downloading', version: '0.2.0', percent: 42 })).toBe(
    'Downloading update 42 %',
  );
  expect(updateStatusWords({ phase: 'downloaded', version: '0.2.0' })).toBe(
    'Update ready — restart to install',
  );
  for (const phase of ['idle', 'checking', 'offline'] as const)
    expect(updateStatusWords({ phase })).toBeNull();
  expect(updateStatusWords({ phase: 'up_to_date', version: '0.1.0' })).toBeNull();
});

test('Check for Updates… answers in a sentence: offline calmly, the browser host pointing to the desktop app', () => {
  expect(checkAnswerWords({ phase: 'up_to_date', version: '0.1.0' })).toBe(
    'Opus is up to date (version 0.1.0).',
  );
  expect(checkAnswerWords({ phase: 'offline' })).toBe(
    "Opus can't reach its update server right now. It will check again later.",
  );
  expect(checkAnswerWords({ phase: 'unavailable', reason: 'browser' })).toBe(
    'Updates come with the desktop app; this browser version runs what npm start built.',
  );
  const error = { kind: 'update_failed' as const, message: 'The checksum did not match.', generic: false };
  expect(checkAnswerWords({ phase: 'failed', error })).toBe('The checksum did not match.');
});

test('a refused restart names every document that waits, and what it waits for', () => {
  expect(
    refusalWords({
      kind: 'refused',
      blockers: [
        { name: 'a.txt', phase: 'dirty' },
        { name: 'b.md', phase: 'pending_upload' },
        { name: 'c.txt', phase: 'conflict' },
      ],
    }),
  ).toBe(
    "Opus can't restart to install the update yet: a.txt has unsaved changes, b.md waits to be uploaded to Dropbox and c.txt has a conflict to settle. Save or settle them first; the update waits.",
  );
});
