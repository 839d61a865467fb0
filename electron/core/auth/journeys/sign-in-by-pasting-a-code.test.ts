import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../../../../localbox/test-support/localbox.ts';
import { type DropboxEndpoints, endpointFetch } from '../../dropbox/endpoints.ts';
import { startPasteCodeSignIn } from '../sign-in.ts';
import { codeShownAfterAllow } from '../test-support/browser.ts';
import { opusFailure } from '../test-support/opus-failure.ts';
import { formOf, recordingLog } from '../test-support/recording-log.ts';

let lb: TestLocalbox;
let endpoints: DropboxEndpoints;
beforeAll(async () => {
  lb = await startTestLocalbox();
  endpoints = { origin: lb.box.url, appKey: lb.box.appKey };
});
afterAll(() => lb.stop());

test('the code shown after Allow, pasted with stray whitespace, signs Opus in', async () => {
  const log = recordingLog();
  let verifier = '';
  const recording = ((url: string | URL | Request, init?: RequestInit) => {
    verifier = formOf(init).get('code_verifier') ?? '';
    return fetch(url, init);
  }) as typeof fetch;
  const signIn = startPasteCodeSignIn({ endpoints, fetch: recording, log });
  const url = new URL(signIn.authorizeUrl);
  expect(url.searchParams.has('redirect_uri')).toBe(false);
  expect(url.searchParams.get('token_access_type')).toBe('offline');

  const code = await codeShownAfterAllow(signIn.authorizeUrl);
  const signedIn = await signIn.complete(`  ${code}\n`);
  const dbx = new Dropbox({ accessToken: signedIn.accessToken, fetch: endpointFetch(endpoints) });
  expect((await dbx.usersGetCurrentAccount()).result.account_id).toBe(signedIn.accountId);

  expect(verifier).not.toBe('');
  const written = log.lines.join('\n');
  expect(log.lines.length).toBeGreaterThan(0);
  expect(written).not.toContain(code);
  expect(written).not.toContain(verifier);
});

test('a mistyped code is refused, and the right one still works afterwards', async () => {
  const signIn = startPasteCodeSignIn({ endpoints });
  const code = await codeShownAfterAllow(signIn.authorizeUrl);
  const typo = await opusFailure(signIn.complete(`${code.slice(0, -2)}zz`));
  expect(typo.kind).toBe('signed_out');
  expect((await signIn.complete(code)).refreshToken).not.toBe('');
  // A code works once.
  expect((await opusFailure(signIn.complete(code))).kind).toBe('signed_out');
});

test('nothing pasted is refused before anything is sent', async () => {
  let sent = 0;
  const counting = ((url: string | URL | Request, init?: RequestInit) => {
    sent += 1;
    return fetch(url, init);
  }) as typeof fetch;
  const signIn = startPasteCodeSignIn({ endpoints, fetch: counting });
  expect((await opusFailure(signIn.complete('   '))).kind).toBe('invalid_request');
  expect(sent).toBe(0);
});

test('a code redeemed with another sign-in’s verifier is refused', async () => {
  const mine = startPasteCodeSignIn({ endpoints });
  const someoneElses = startPasteCodeSignIn({ endpoints });
  const code = await codeShownAfterAllow(mine.authorizeUrl);
  const error = await opusFailure(someoneElses.complete(code));
  expect(error.kind).toBe('signed_out');
  expect(error.detail.tags).toBe('oauth/invalid_grant');
});

test('a wrong app key is explained as a settings problem', async () => {
  const signIn = startPasteCodeSignIn({ endpoints: { ...endpoints, appKey: 'not-this-app' } });
  const error = await opusFailure(signIn.complete('some-code'));
  expect(error.kind).toBe('invalid_request');
  expect(error.message).toMatch(/app key/);
});
