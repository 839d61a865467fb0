import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../../../localbox/test-support/localbox.ts';
import { type DropboxEndpoints, endpointFetch } from '../dropbox/endpoints.ts';
import { type SignedIn, signOut, startPasteCodeSignIn } from './sign-in.ts';
import { codeShownAfterAllow } from './test-support/browser.ts';
import { freePort } from './test-support/ports.ts';
import { recordingLog } from './test-support/recording-log.ts';

let lb: TestLocalbox;
let endpoints: DropboxEndpoints;
beforeAll(async () => {
  lb = await startTestLocalbox();
  endpoints = { origin: lb.box.url, appKey: lb.box.appKey };
});
afterAll(() => lb.stop());

async function signIn(): Promise<SignedIn> {
  const flow = startPasteCodeSignIn({ endpoints });
  return flow.complete(await codeShownAfterAllow(flow.authorizeUrl));
}

test('signing out revokes the access token and the refresh token behind it', async () => {
  const signedIn = await signIn();
  const log = recordingLog();
  expect(await signOut({ endpoints, accessToken: signedIn.accessToken, log })).toBe('revoked');

  const dbx = new Dropbox({ accessToken: signedIn.accessToken, fetch: endpointFetch(endpoints) });
  await expect(dbx.usersGetCurrentAccount()).rejects.toMatchObject({
    status: 401,
    error: { error: { '.tag': 'invalid_access_token' } },
  });
  const refreshing = new Dropbox({
    clientId: lb.box.appKey,
    refreshToken: signedIn.refreshToken,
    fetch: endpointFetch(endpoints),
  });
  await expect(refreshing.usersGetCurrentAccount()).rejects.toMatchObject({
    status: 400,
    error: { error: 'invalid_grant' },
  });
  expect(log.lines.join('\n')).not.toContain(signedIn.accessToken);
});

test('signing out twice, or with a token the server no longer knows, is not an error', async () => {
  const signedIn = await signIn();
  await signOut({ endpoints, accessToken: signedIn.accessToken });
  expect(await signOut({ endpoints, accessToken: signedIn.accessToken })).toBe('already_invalid');
  expect(await signOut({ endpoints, accessToken: 'never-issued' })).toBe('already_invalid');
});

test('signing out without a network reports offline, so the app can say the token may still live', async () => {
  const nowhere = { ...endpoints, origin: `http://127.0.0.1:${await freePort()}` };
  await expect(signOut({ endpoints: nowhere, accessToken: 'whatever' })).rejects.toMatchObject({
    kind: 'offline',
  });
});
