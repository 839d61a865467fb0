import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SCOPES } from '../auth/scopes.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { postToken, signInThroughConsentPage } from '../test-support/oauth.ts';

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox();
});
afterAll(() => lb.stop());

interface Seen {
  url: string;
  authorization: string | null;
  status: number;
  body: Record<string, unknown>;
}

/** A fetch for the SDK that also writes down what went over the wire. */
function recordingFetch(seen: Seen[]): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    const response = await lb.fetch(url, init);
    const isJson = response.headers.get('content-type') === 'application/json';
    seen.push({
      url: String(url),
      authorization: new Headers(init?.headers).get('authorization'),
      status: response.status,
      body: isJson ? ((await response.clone().json()) as Record<string, unknown>) : {},
    });
    return response;
  }) as typeof fetch;
}

const refreshBody = (refreshToken: string) => ({
  grant_type: 'refresh_token',
  refresh_token: refreshToken,
  client_id: lb.box.appKey,
});

test('the SDK given only a refresh token refreshes once, then calls with the new token', async () => {
  const signedIn = await signInThroughConsentPage(lb);
  const seen: Seen[] = [];
  const dbx = new Dropbox({
    clientId: lb.box.appKey,
    refreshToken: signedIn.refreshToken,
    fetch: recordingFetch(seen),
  });

  expect((await dbx.usersGetCurrentAccount()).result.account_id).toBe(signedIn.accountId);
  await dbx.usersGetSpaceUsage();

  const [refresh, first, second, ...rest] = seen;
  expect(rest).toEqual([]);
  expect(refresh?.url).toMatch(/^https:\/\/api\.dropboxapi\.com\/oauth2\/token\?grant_type=refresh_token&/);
  expect(refresh?.status).toBe(200);
  // Dropbox sends no new refresh token on refresh; the app keeps the one it has.
  expect(Object.keys(refresh?.body ?? {})).toEqual(['access_token', 'token_type', 'expires_in', 'scope']);
  expect(refresh?.body).toMatchObject({ token_type: 'bearer', expires_in: 14400, scope: SCOPES });
  const fresh = refresh?.body.access_token;
  expect(fresh).not.toBe(signedIn.accessToken);
  expect(first?.authorization).toBe(`Bearer ${fresh}`);
  expect(second?.authorization).toBe(`Bearer ${fresh}`);
});

test('an expired access token gets 401 expired_access_token, and a refresh brings a working one', async () => {
  const signedIn = await signInThroughConsentPage(lb);
  lb.box.injectFaults({ expireTokens: true });
  const stale = new Dropbox({ accessToken: signedIn.accessToken, fetch: lb.fetch });
  await expect(stale.usersGetCurrentAccount()).rejects.toMatchObject({
    status: 401,
    error: { error: { '.tag': 'expired_access_token' } },
  });
  const refreshed = await postToken(lb, {}, { form: refreshBody(signedIn.refreshToken ?? '') });
  expect(refreshed.status).toBe(200);
  const { access_token } = refreshed.body as { access_token: string };
  const dbx = new Dropbox({ accessToken: access_token, fetch: lb.fetch });
  expect((await dbx.usersGetCurrentAccount()).result.account_id).toBe(signedIn.accountId);
});

test('an unknown refresh token is invalid_grant, through the SDK too', async () => {
  expect(await postToken(lb, refreshBody('not-a-refresh-token'))).toEqual({
    status: 400,
    contentType: 'application/json',
    cacheControl: 'no-store',
    body: { error: 'invalid_grant', error_description: 'refresh token is invalid or has been revoked' },
  });
  const dbx = new Dropbox({ clientId: lb.box.appKey, refreshToken: 'not-a-refresh-token', fetch: lb.fetch });
  await expect(dbx.usersGetCurrentAccount()).rejects.toMatchObject({
    status: 400,
    error: { error: 'invalid_grant' },
  });
});

test('an access token is not a refresh token', async () => {
  const signedIn = await signInThroughConsentPage(lb);
  const answer = await postToken(lb, refreshBody(signedIn.accessToken));
  expect(answer.body).toMatchObject({ error: 'invalid_grant' });
});

test('auth/token/revoke ends the access token, its refresh token and every token refreshed from it', async () => {
  const signedIn = await signInThroughConsentPage(lb);
  const bystander = await signInThroughConsentPage(lb);
  const refreshed = await postToken(lb, refreshBody(signedIn.refreshToken ?? ''));
  const sibling = (refreshed.body as { access_token: string }).access_token;

  const dbx = new Dropbox({ accessToken: signedIn.accessToken, fetch: lb.fetch });
  const revoked = await dbx.authTokenRevoke();
  expect(revoked.status).toBe(200);

  for (const token of [signedIn.accessToken, sibling]) {
    const client = new Dropbox({ accessToken: token, fetch: lb.fetch });
    await expect(client.usersGetCurrentAccount()).rejects.toMatchObject({
      status: 401,
      error: {
        error_summary: expect.stringMatching(/^invalid_access_token\//),
        error: { '.tag': 'invalid_access_token' },
      },
    });
  }
  expect(await postToken(lb, refreshBody(signedIn.refreshToken ?? ''))).toMatchObject({
    status: 400,
    contentType: 'application/json',
    body: { error: 'invalid_grant' },
  });

  // Another sign-in of the same app is its own grant and lives on.
  const other = new Dropbox({
    clientId: lb.box.appKey,
    refreshToken: bystander.refreshToken,
    fetch: lb.fetch,
  });
  expect((await other.usersGetCurrentAccount()).result.account_id).toBe(bystander.accountId);
});
