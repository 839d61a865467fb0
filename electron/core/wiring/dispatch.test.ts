import { expect, test } from 'vitest';
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
