import type { users } from 'dropbox';
import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { badRequest, expectShape, FullAccount, routeError, SpaceUsage } from '../test-support/shapes.ts';

const QUOTA = 50 * 1024 * 1024;

describe('the account an app signs in to', () => {
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox({
      quotaBytes: QUOTA,
      account: { givenName: 'Ada', surname: 'Lovelace', email: 'ada@example.org' },
    });
  });
  afterAll(() => lb.stop());

  it('shows the signed-in person as a FullAccount', async () => {
    const res = await lb.client().usersGetCurrentAccount();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const account: users.FullAccount = expectShape(FullAccount, res.result);
    expect(account.name).toEqual({
      given_name: 'Ada',
      surname: 'Lovelace',
      familiar_name: 'Ada',
      display_name: 'Ada Lovelace',
      abbreviated_name: 'AL',
    });
    expect(account.email).toBe('ada@example.org');
    expect(account.account_id).toMatch(/^dbid:/);
    expect(account.root_info['.tag']).toBe('user');
    expect(account.root_info.root_namespace_id).toBe(account.root_info.home_namespace_id);
    // Every token of this localbox speaks for the same account.
    const again = await lb.client().usersGetCurrentAccount();
    expect(again.result.account_id).toBe(account.account_id);
  });

  it('reports space used as the sum of the current files, against the allocation', async () => {
    const dbx = lb.client();
    const before = expectShape(SpaceUsage, (await dbx.usersGetSpaceUsage()).result);
    const usage: users.SpaceUsage = before;
    expect(usage.allocation).toEqual({ '.tag': 'individual', allocated: QUOTA });
    await dbx.filesUpload({ path: '/space/a.txt', contents: Buffer.alloc(1000, 1) });
    await dbx.filesUpload({ path: '/space/b.txt', contents: Buffer.alloc(234, 2) });
    expect((await dbx.usersGetSpaceUsage()).result.used).toBe(before.used + 1234);
    await dbx.filesUpload({
      path: '/space/a.txt',
      contents: Buffer.alloc(10, 3),
      mode: { '.tag': 'overwrite' },
    });
    expect((await dbx.usersGetSpaceUsage()).result.used).toBe(before.used + 244);
    await dbx.filesDeleteV2({ path: '/space' });
    expect((await dbx.usersGetSpaceUsage()).result.used).toBe(before.used);
  });
});

describe('access tokens', () => {
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox();
  });
  afterAll(() => lb.stop());

  it('refuses an unknown token with 401 invalid_access_token', async () => {
    const stranger = lb.client({ accessToken: `sl.${'x'.repeat(120)}` });
    const error = await routeError(stranger.usersGetCurrentAccount(), 401);
    expect(error).toEqual({ '.tag': 'invalid_access_token' });
    const onUpload = await routeError(stranger.filesUpload({ path: '/a.txt', contents: 'a' }), 401);
    expect(onUpload).toEqual({ '.tag': 'invalid_access_token' });
  });

  it('answers a malformed token with 400 text, not 401', async () => {
    const text = await badRequest(lb.client({ accessToken: 'not a token!' }).usersGetCurrentAccount());
    expect(text).toContain('The given OAuth 2 access token is malformed.');
  });

  it('refuses every token issued so far with expired_access_token once they expire', async () => {
    const dbx = lb.client();
    await dbx.usersGetCurrentAccount();
    lb.box.injectFaults({ expireTokens: true });
    try {
      expect(await routeError(dbx.usersGetCurrentAccount(), 401)).toEqual({ '.tag': 'expired_access_token' });
      expect(await routeError(dbx.filesListFolder({ path: '' }), 401)).toEqual({
        '.tag': 'expired_access_token',
      });
      // A token minted afterwards works again, as one from a refresh would.
      expect((await lb.client().usersGetCurrentAccount()).status).toBe(200);
    } finally {
      lb.box.clearFaults();
    }
  });

  it('lets the SDK refresh a token from a refresh token and carry on', async () => {
    const { refresh_token } = lb.box.issueTokens({ offline: true });
    const dbx = lb.client({ refreshToken: refresh_token as string });
    lb.box.resetRequestCounts();
    expect((await dbx.usersGetCurrentAccount()).status).toBe(200);
    expect((await dbx.usersGetSpaceUsage()).status).toBe(200);
    expect(lb.box.requestCounts()).toEqual({
      '/oauth2/token': 1,
      'users/get_current_account': 1,
      'users/get_space_usage': 1,
    });
  });
});

describe('a localbox whose tokens live one second', () => {
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox({ accessTokenSeconds: 1 });
  });
  afterAll(() => lb.stop());

  it('answers expired_access_token once the lifetime has passed', async () => {
    const tokens = lb.box.issueTokens({ offline: false });
    expect(tokens.expires_in).toBe(1);
    const dbx = new Dropbox({ accessToken: tokens.access_token, fetch: lb.fetch });
    expect((await dbx.usersGetCurrentAccount()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await routeError(dbx.usersGetCurrentAccount(), 401)).toEqual({ '.tag': 'expired_access_token' });
  });
});
