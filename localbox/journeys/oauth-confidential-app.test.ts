import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  getCodeThroughConsentPage,
  postToken,
  signInThroughConsentPage,
  TEST_REDIRECT_URI,
} from '../test-support/oauth.ts';

const SECRET = 's3cret';

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox({ appSecret: SECRET });
});
afterAll(() => lb.stop());

const basic = (id: string, secret: string) => ({
  Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});

/** A code issued without PKCE, as a server-side app with a secret asks for it. */
async function codeWithoutPkce(): Promise<Record<string, string>> {
  const { code } = await getCodeThroughConsentPage(lb, { clientSecret: SECRET });
  return { grant_type: 'authorization_code', code, redirect_uri: TEST_REDIRECT_URI };
}

const invalidClient = {
  status: 400,
  contentType: 'application/json',
  cacheControl: 'no-store',
  body: { error: 'invalid_client', error_description: 'Invalid client_id or client_secret' },
};

describe('a confidential app redeems a code without PKCE', () => {
  test('with the secret in the query string, as the SDK sends it', async () => {
    const signedIn = await signInThroughConsentPage(lb, { clientSecret: SECRET });
    const dbx = new Dropbox({ accessToken: signedIn.accessToken, fetch: lb.fetch });
    expect((await dbx.usersGetCurrentAccount()).result.account_id).toBe(signedIn.accountId);
  });

  test('with the secret in HTTP Basic', async () => {
    const answer = await postToken(lb, await codeWithoutPkce(), { headers: basic(lb.box.appKey, SECRET) });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'bearer', refresh_token: expect.any(String) });
  });

  test('with client_id and client_secret in a form body', async () => {
    const form = { ...(await codeWithoutPkce()), client_id: lb.box.appKey, client_secret: SECRET };
    const answer = await postToken(lb, {}, { form });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ access_token: expect.stringMatching(/^sl\./) });
  });
});

describe('a confidential app is refused', () => {
  test('a wrong secret, in Basic or in the form, without spending the code', async () => {
    const params = await codeWithoutPkce();
    expect(await postToken(lb, params, { headers: basic(lb.box.appKey, 'wrong') })).toEqual(invalidClient);
    expect(
      await postToken(lb, {}, { form: { ...params, client_id: lb.box.appKey, client_secret: 'wrong' } }),
    ).toEqual(invalidClient);
    expect((await postToken(lb, params, { headers: basic(lb.box.appKey, SECRET) })).status).toBe(200);
  });

  test('a wrong secret through the SDK', async () => {
    await expect(signInThroughConsentPage(lb, { clientSecret: 'wrong' })).rejects.toMatchObject({
      status: 400,
      error: { error: 'invalid_client' },
    });
  });

  test('no secret and no PKCE', async () => {
    expect(await postToken(lb, { ...(await codeWithoutPkce()), client_id: lb.box.appKey })).toEqual(
      invalidClient,
    );
  });

  test('Basic credentials for one app and a client_id for another', async () => {
    const params = { ...(await codeWithoutPkce()), client_id: 'someoneelse' };
    expect(await postToken(lb, params, { headers: basic(lb.box.appKey, SECRET) })).toEqual(invalidClient);
  });
});

describe('PKCE on a confidential app', () => {
  test('works without the secret', async () => {
    const signedIn = await signInThroughConsentPage(lb);
    expect(signedIn.refreshToken).toEqual(expect.any(String));
  });

  test('still refuses a wrong secret sent alongside the verifier', async () => {
    const outcome = await getCodeThroughConsentPage(lb);
    const params = {
      grant_type: 'authorization_code',
      code: outcome.code,
      client_id: lb.box.appKey,
      client_secret: 'wrong',
      code_verifier: outcome.auth.getCodeVerifier(),
      redirect_uri: TEST_REDIRECT_URI,
    };
    expect(await postToken(lb, params)).toEqual(invalidClient);
  });
});

test('refreshing checks the secret when one is sent', async () => {
  const { refreshToken } = await signInThroughConsentPage(lb, { clientSecret: SECRET });
  const good = new Dropbox({ clientId: lb.box.appKey, clientSecret: SECRET, refreshToken, fetch: lb.fetch });
  expect((await good.usersGetCurrentAccount()).status).toBe(200);
  const bad = new Dropbox({ clientId: lb.box.appKey, clientSecret: 'wrong', refreshToken, fetch: lb.fetch });
  await expect(bad.usersGetCurrentAccount()).rejects.toMatchObject({
    status: 400,
    error: { error: 'invalid_client' },
  });
  const refreshed = await postToken(
    lb,
    { grant_type: 'refresh_token', refresh_token: refreshToken ?? '' },
    { headers: basic(lb.box.appKey, SECRET) },
  );
  expect(refreshed.status).toBe(200);
});

test('a refresh token won with the secret needs the secret again; one won with PKCE does not', async () => {
  const bySecret = await signInThroughConsentPage(lb, { clientSecret: SECRET });
  const withoutSecret = await postToken(lb, {
    grant_type: 'refresh_token',
    refresh_token: bySecret.refreshToken ?? '',
    client_id: lb.box.appKey,
  });
  expect(withoutSecret).toEqual(invalidClient);

  const byPkce = await signInThroughConsentPage(lb);
  const pkceRefresh = await postToken(lb, {
    grant_type: 'refresh_token',
    refresh_token: byPkce.refreshToken ?? '',
    client_id: lb.box.appKey,
  });
  expect(pkceRefresh.status).toBe(200);
});
