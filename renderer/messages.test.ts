import { describe, expect, test, vi } from 'vitest';
import { ErrorKindSchema } from '../electron/common/contract/shapes.ts';
import { messageFor, sentenceFor } from './messages.ts';

// opus.ts looks for window.opus when it loads; these tests need only its pure functions.
vi.stubGlobal('window', {});
const { describeError, errorKind } = await import('./opus.ts');

const callError = (kind: string, message: string) => Object.assign(new Error(message), { kind });
/** A failed command as both hosts reject it: the contract's error, here the gateway's words for the kind. */
const fromGateway = (kind: string, message: string) => ({ kind, message, generic: true });
/** The same, with words the core chose for this case. */
const fromCore = (kind: string, message: string) => ({ kind, message, generic: false });

describe('every error kind has a sentence for people', () => {
  test.each(ErrorKindSchema.options)('%s says what happened in a full sentence', (kind) => {
    const sentence = sentenceFor(kind);
    expect(sentence).toMatch(/^[A-Z].*\.$/);
    expect(sentence).not.toMatch(/undefined|null|_/);
  });

  test('kinds that can lose work say the text is kept', () => {
    for (const kind of [
      'conflict',
      'offline',
      'auth_expired',
      'signed_out',
      'insufficient_space',
      'local_io',
    ] as const)
      expect(sentenceFor(kind)).toMatch(/text is (kept|still)/);
  });
});

describe('the message shown for a failed call', () => {
  test('offline says the text is kept and saves will be sent later', () => {
    expect(describeError(fromGateway('offline', 'Dropbox cannot be reached.'))).toBe(
      "Dropbox can't be reached. Your text is kept on this computer and saves will be sent when you're back online.",
    );
  });

  test('a binary file is named when the caller knows the path', () => {
    const error = callError('binary_file', 'This file looks binary, so Opus will not open it as text.');
    expect(describeError(error, { path: '/Photos/cat.png' })).toBe(
      "cat.png looks like a binary file (an image, an archive or a program, for example), so Opus won't open it as text.",
    );
  });

  test("without a path the core's binary-file message is kept", () => {
    const core =
      'This file looks binary (an image, an archive or a program, for example), so Opus will not open it as text.';
    expect(describeError(callError('binary_file', core))).toBe(core);
  });

  test("the core's specific words win: a local path, a sign-in step, an encoding", () => {
    const disk = 'Could not write /home/ann/notes.txt: EACCES.';
    expect(describeError(callError('local_io', disk))).toBe(disk);
    const cancelled = 'Sign-in was cancelled.';
    expect(describeError(callError('signed_out', cancelled))).toBe(cancelled);
    const encoding =
      "Some of the characters in this document cannot be written in windows-1252, the file's encoding.";
    expect(describeError(callError('unsupported_encoding', encoding))).toBe(encoding);
  });

  test("the gateway's bare words are replaced by a sentence that says what to do", () => {
    expect(
      describeError(fromGateway('not_found', 'Nothing is there in Dropbox any more.'), {
        path: '/a/notes.md',
      }),
    ).toBe(
      'notes.md is not in Dropbox any more: it may have been moved, renamed or deleted. Your text is still open here; use Save As… to keep it.',
    );
    const words = 'Dropbox no longer accepts this sign-in; please sign in again.';
    expect(describeError(fromGateway('signed_out', words))).toMatch(/^You're signed out/);
  });

  test('a full Dropbox names the file that was not saved', () => {
    expect(
      describeError(callError('insufficient_space', 'Your Dropbox is full.'), { path: '/draft.txt' }),
    ).toBe(
      'Your Dropbox is full, so draft.txt was not saved. Free up some space in Dropbox and save again; your text is kept here.',
    );
  });

  test('a conflict always gets the sentence about comparing or merging', () => {
    expect(
      describeError(callError('conflict', 'The file was changed in Dropbox since it was opened.')),
    ).toMatch(/compare or merge/);
  });

  test('a missing scope says what Opus was not allowed to do, and how to grant it', () => {
    const core = {
      kind: 'missing_scope',
      message: 'This sign-in does not allow Opus to do that in Dropbox.',
      generic: true,
      detail: { missingScope: 'files.content.write' },
    };
    expect(messageFor(core)).toBe(
      'Opus was not allowed to save to your Dropbox (scope files.content.write). Sign out and sign in again to grant it; your text is kept here.',
    );
    const sharing = { ...core, detail: { missingScope: 'sharing.write' } };
    expect(messageFor(sharing)).toContain('not allowed to make shared links (scope sharing.write).');
    const stranger = { ...core, detail: { missingScope: 'sharing.read_team' } };
    expect(messageFor(stranger)).toContain(
      'not allowed to do that (scope sharing.read_team). Sign out and sign in again',
    );
  });

  test('an error without a kind keeps its own message', () => {
    expect(describeError(new Error('Opus is not running any more.'))).toBe('Opus is not running any more.');
  });

  test('a plain { kind, message, generic } (what both hosts reject with) reads the same as an Error', () => {
    const plain = fromGateway('offline', 'Dropbox cannot be reached.');
    expect(errorKind(plain)).toBe('offline');
    expect(describeError(plain)).toBe(
      describeError(Object.assign(callError('offline', 'Dropbox cannot be reached.'), { generic: true })),
    );
  });

  test('nothing useful at all still gives a sentence', () => {
    expect(describeError(undefined)).toBe('Something went wrong. Please try again; your text is kept here.');
    expect(describeError(callError('unknown', ''))).toMatch(/^Something unexpected went wrong/);
  });

  test('an unknown kind from a newer core falls back to its message', () => {
    expect(messageFor(fromCore('teleported', 'The file went somewhere.'))).toBe('The file went somewhere.');
  });
});

describe("the core says whether its words are only the gateway's", () => {
  test.each(ErrorKindSchema.options)(
    "a generic %s from the gateway shows the renderer's sentence",
    (kind) => {
      expect(describeError(fromGateway(kind, 'Words that know nothing of this case.'))).toBe(
        sentenceFor(kind),
      );
    },
  );

  test('a specific core message is shown as it is, whatever its words', () => {
    const disk = 'Could not write /home/ann/notes.txt: EACCES.';
    expect(describeError(fromCore('local_io', disk))).toBe(disk);
    // The choice follows the error's `generic`, not its words: the same sentence reads either way.
    expect(describeError(fromCore('offline', 'Dropbox cannot be reached.'))).toBe(
      'Dropbox cannot be reached.',
    );
    expect(describeError(fromGateway('offline', 'Dropbox cannot be reached.'))).toMatch(/^Dropbox can't be/);
  });
});

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

describe('opening what is no file', () => {
  test('a path Dropbox cannot have is named, and nothing of the user is said to be kept', () => {
    expect(
      messageFor(
        { kind: 'malformed_path', message: '', generic: true },
        { path: '/../etc/passwd', opening: true },
      ),
    ).toBe(
      '/../etc/passwd is not the path of a Dropbox file, so nothing was opened. Check the link, or use Open… to choose the file.',
    );
  });
});
