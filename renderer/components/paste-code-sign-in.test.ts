import { expect, test, vi } from 'vitest';

// The component's module reaches opus.ts, which looks for window.opus when it loads.
vi.stubGlobal('window', {});
const { pasteCodeFailure } = await import('./paste-code-sign-in.tsx');

const callError = (kind: string, message: string) => Object.assign(new Error(message), { kind });
const WRONG_CODE =
  'That code was not accepted. Copy the whole code from the sign-in page and paste it again, or get a new code.';

test('a code Dropbox refuses (mistyped, expired or used) asks for the whole code again', () => {
  const refused = callError(
    'signed_out',
    'Dropbox did not accept this sign-in: the code may have expired or been used already. Please sign in again.',
  );
  expect(pasteCodeFailure(refused)).toBe(WRONG_CODE);
});

test('something that is not a code at all gets the same advice', () => {
  expect(
    pasteCodeFailure(
      callError('invalid_request', 'Paste the code Dropbox showed you after you chose Allow.'),
    ),
  ).toBe(WRONG_CODE);
});

test('no network is not blamed on the code', () => {
  const offline = callError('offline', 'Opus could not reach Dropbox. Check your connection and try again.');
  expect(pasteCodeFailure(offline)).toBe(
    'Opus could not reach Dropbox. Check your connection and try again.',
  );
});
