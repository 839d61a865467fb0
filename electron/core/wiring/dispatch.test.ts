import { expect, test } from 'vitest';
import { OpusError } from '../errors.ts';
import { dispatch, type Handlers } from './dispatch.ts';

const unreachable = new Proxy({} as Handlers, {
  get: () => () => {
    throw new Error('a handler ran for a request the contract should have refused');
  },
});

test('refuses unknown commands and invalid arguments with a clear error, before any handler runs', async () => {
  expect(await dispatch(unreachable, 'readTokens', {})).toEqual({
    ok: false,
    error: { kind: 'invalid_request', message: 'There is no command "readTokens".', generic: false },
  });
  const badPath = await dispatch(unreachable, 'openDocument', { path: 'magnum-opus.txt' });
  expect(badPath).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
  expect(badPath.ok ? '' : badPath.error.message).toMatch(
    /openDocument: path: a Dropbox path starts with "\/"/,
  );
  expect(await dispatch(unreachable, 'saveDocument', { documentId: 'x', text: 42 })).toMatchObject({
    ok: false,
  });
  expect(await dispatch(unreachable, 'saveDocument', { documentId: 'x', text: '', extra: 1 })).toMatchObject({
    ok: false,
  });
  expect(await dispatch(unreachable, 'getRevisionText', { path: '/a.txt', rev: 'not-a-rev' })).toMatchObject({
    ok: false,
  });
});

test('checks responses too: a handler that leaks a field outside the contract gets an internal error, not the field', async () => {
  const lines: string[] = [];
  const leaky = {
    getAppInfo: () => ({
      provider: 'localbox',
      version: '1',
      platform: 'linux',
      nativeDialogs: false,
      accessToken: 'sl.x',
    }),
  } as unknown as Handlers;
  const answer = await dispatch(leaky, 'getAppInfo', {}, (line) => lines.push(line));
  expect(answer).toEqual({
    ok: false,
    error: { kind: 'unknown', message: expect.stringMatching(/internal error/), generic: false },
  });
  expect(JSON.stringify(answer)).not.toContain('sl.x');
  expect(lines.join('\n')).toMatch(/outside the contract/);
});

/** A core whose getAppInfo fails with `failure`, and the lines it logged. */
async function failingWith(failure: unknown) {
  const lines: string[] = [];
  const failing = {
    getAppInfo: () => {
      throw failure;
    },
  } as unknown as Handlers;
  const answer = await dispatch(failing, 'getAppInfo', {}, (line) => lines.push(line));
  return { answer, log: lines.join('\n') };
}

const INTERNAL = {
  ok: false,
  error: {
    kind: 'unknown',
    message: 'Opus hit an internal error. Your text is safe; please try again.',
    generic: false,
  },
};

test("a core failure reaches the page as its kind and words, with the facts the page acts on and nothing of Dropbox's", async () => {
  const remote = {
    name: 'a.txt',
    path: '/a.txt',
    pathLower: '/a.txt',
    id: 'id:a',
    rev: '0123456789abcdef',
    size: 3,
    contentHash: 'h',
    serverModified: '2024-01-01T00:00:00Z',
    clientModified: '2024-01-01T00:00:00Z',
  };
  const unwritable = {
    encoding: 'windows-1252',
    characters: [{ character: '€', lines: [2], moreLines: 0 }],
    moreCharacters: 0,
  };
  const conflict = await failingWith(
    new OpusError('conflict', 'Someone else saved /a.txt.', { remote, tags: 'path/conflict/file' }, true),
  );
  expect(conflict.answer).toEqual({
    ok: false,
    error: { kind: 'conflict', message: 'Someone else saved /a.txt.', generic: true },
  });
  expect(JSON.stringify(conflict.answer)).not.toMatch(/0123456789abcdef|path\/conflict/);
  const encoding = await failingWith(
    new OpusError('unsupported_encoding', 'windows-1252 has no €.', { unwritable, tags: 't' }),
  );
  expect(encoding.answer).toEqual({
    ok: false,
    error: {
      kind: 'unsupported_encoding',
      message: 'windows-1252 has no €.',
      generic: false,
      detail: { unwritable },
    },
  });
  const scope = await failingWith(
    new OpusError('missing_scope', 'Opus may not read files.', {
      missingScope: 'files.content.read',
      tags: 't',
    }),
  );
  expect(scope.answer).toEqual({
    ok: false,
    error: {
      kind: 'missing_scope',
      message: 'Opus may not read files.',
      generic: false,
      detail: { missingScope: 'files.content.read' },
    },
  });
  // The page shows these words itself: nothing was wrong inside Opus, so nothing is logged.
  expect(conflict.log + encoding.log + scope.log).toBe('');
});

test('a failure that is no OpusError reaches the page as an internal error, and its stack goes to the log', async () => {
  const { answer, log } = await failingWith(new TypeError('x is not a function'));
  expect(answer).toEqual(INTERNAL);
  expect(log).toMatch(/^opus: getAppInfo failed: TypeError: x is not a function\n\s+at /);
  // A thrown string or nothing at all: the page is still answered, and the log still says what was thrown.
  const thrownWords = await failingWith('the disk is gone');
  expect(thrownWords.answer).toEqual(INTERNAL);
  expect(thrownWords.log).toBe('opus: getAppInfo failed: the disk is gone');
  const thrownNull = await failingWith(null);
  expect(thrownNull.answer).toEqual(INTERNAL);
  expect(thrownNull.log).toBe('opus: getAppInfo failed: null');
});

test('invalid arguments are named by their field path, or by what is wrong with the whole request', async () => {
  const nested = await dispatch(unreachable, 'editDocument', {
    documentId: 'd',
    baseRev: '0123456789abc',
    version: 2,
    change: { kind: 'text', text: 5 },
  });
  expect(nested).toEqual({
    ok: false,
    error: {
      kind: 'invalid_request',
      message:
        'Invalid arguments for editDocument: change.text: Invalid input: expected string, received number.',
      generic: false,
    },
  });
  expect(await dispatch(unreachable, 'getAppInfo', 42)).toEqual({
    ok: false,
    error: {
      kind: 'invalid_request',
      message: 'Invalid arguments for getAppInfo: Invalid input: expected object, received number.',
      generic: false,
    },
  });
});

test('an unknown command is named in the refusal by its first 60 characters only', async () => {
  const name = `${'a'.repeat(60)}${'b'.repeat(10_000)}`;
  expect(await dispatch(unreachable, name, {})).toEqual({
    ok: false,
    error: { kind: 'invalid_request', message: `There is no command "${'a'.repeat(60)}".`, generic: false },
  });
});
