import type { check, users } from 'dropbox';
import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { badRequest, expectShape, failureOf, routeError } from '../test-support/shapes.ts';

const SECRET = 'app-secret-for-check';

/** users.BasicAccount (users.stone), strict. */
const BasicAccount = z.strictObject({
  account_id: z.string().length(40),
  name: z.strictObject({
    given_name: z.string(),
    surname: z.string(),
    familiar_name: z.string(),
    display_name: z.string(),
    abbreviated_name: z.string(),
  }),
  email: z.string(),
  email_verified: z.boolean(),
  profile_photo_url: z.string().optional(),
  disabled: z.boolean(),
  is_teammate: z.boolean(),
  team_member_id: z.string().optional(),
});

describe('checking credentials: check/user, check/app, and what a bad token gets', () => {
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox({ appSecret: SECRET });
  });
  afterAll(() => lb.stop());
  const app = (clientSecret: string) =>
    new Dropbox({ clientId: lb.box.appKey, clientSecret, fetch: lb.fetch });

  it('check/user echoes the query for a valid token, as application/json', async () => {
    const res = await lb.client().checkUser({ query: 'hello world' });
    expect(res.headers.get('content-type')).toBe('application/json');
    const echoed: check.EchoResult = res.result;
    expect(echoed).toEqual({ result: 'hello world' });
    expect((await lb.client().checkUser({})).result).toEqual({ result: '' });
  });

  it('check/app echoes the query for the app key and secret sent as HTTP Basic', async () => {
    const res = await app(SECRET).checkApp({ query: 'hello world' });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.result).toEqual({ result: 'hello world' });
  });

  it('the shared-link routes Stone marks "app, user" take the app key and secret too; creating one does not', async () => {
    const user = lb.client();
    await user.filesUpload({ path: '/linked.txt', contents: 'shared by link\n' });
    const { url } = (await user.sharingCreateSharedLinkWithSettings({ path: '/linked.txt' })).result;
    const metadata = await app(SECRET).sharingGetSharedLinkMetadata({ url });
    expect(metadata.result).toMatchObject({ '.tag': 'file', name: 'linked.txt', url });
    const file = (await app(SECRET).sharingGetSharedLinkFile({ url })).result as { fileBinary?: Buffer };
    expect(String(file.fileBinary)).toBe('shared by link\n');
    expect(await routeError(app('not-the-secret').sharingGetSharedLinkMetadata({ url }), 401)).toEqual({
      '.tag': 'invalid_access_token',
    });
    const basic = Buffer.from(`${lb.box.appKey}:${SECRET}`).toString('base64');
    const appCreate = await fetch(`${lb.box.url}/2/sharing/create_shared_link_with_settings`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' },
      body: '{"path":"/linked.txt"}',
    });
    expect(appCreate.status).toBe(400);
    expect(await appCreate.text()).toContain('requires user authentication');
  });

  it('check/app refuses a wrong secret with 401 invalid_access_token, and a user token with 400', async () => {
    expect(await routeError(app('not-the-secret').checkApp({ query: 'x' }), 401)).toEqual({
      '.tag': 'invalid_access_token',
    });
    const userCall = await fetch(`${lb.box.url}/2/check/app`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${lb.box.issueTokens().access_token}`,
        'Content-Type': 'application/json',
      },
      body: '{"query":"x"}',
    });
    expect(userCall.status).toBe(400);
    expect(await userCall.text()).toContain('requires app authentication');
  });

  it('answers a token that is not in Dropbox token format ("foo") with 400 text "malformed"', async () => {
    for (const token of ['foo', 'asdf', 'sl', 'short.token']) {
      const text = await badRequest(lb.client({ accessToken: token }).checkUser({ query: 'x' }));
      expect(text).toBe(
        'Error in call to API function "check/user": The given OAuth 2 access token is malformed.',
      );
    }
  });

  it('answers a well-formed token it never issued, or one revoked, with 401 invalid_access_token as JSON', async () => {
    for (const token of ['z'.repeat(62), `sl.${'u'.repeat(140)}`]) {
      const caught = await failureOf(lb.client({ accessToken: token }).checkUser({ query: 'x' }));
      expect(caught.status).toBe(401);
      expect(caught.headers.get('content-type')).toBe('application/json');
      expect(caught.body).toEqual({
        error_summary: 'invalid_access_token/..',
        error: { '.tag': 'invalid_access_token' },
      });
    }
    const { access_token } = lb.box.issueTokens();
    const dbx = lb.client({ accessToken: access_token });
    await dbx.authTokenRevoke();
    expect(await routeError(dbx.checkUser({ query: 'x' }), 401)).toEqual({ '.tag': 'invalid_access_token' });
  });

  it('issues its own tokens in the short-lived format, with token_type and expires_in', () => {
    const issued = lb.box.issueTokens();
    expect(issued.access_token).toMatch(/^sl\.[A-Za-z0-9_-]{100,}$/);
    expect(issued.expires_in).toBe(14400);
  });

  it('keeps answering an unknown route with 400 plain text', async () => {
    const res = await fetch(`${lb.box.url}/2/check/nothing`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Unknown API function: "/2/check/nothing"');
  });
});

describe('users/get_account and users/get_account_batch', () => {
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox({
      account: { givenName: 'Ada', surname: 'Lovelace', email: 'ada@example.org' },
    });
  });
  afterAll(() => lb.stop());
  const stranger = `dbid:${'A'.repeat(35)}`;

  it('describes the signed-in account as a BasicAccount, its own teammate', async () => {
    const dbx = lb.client();
    const me = (await dbx.usersGetCurrentAccount()).result;
    const res = await dbx.usersGetAccount({ account_id: me.account_id });
    expect(res.headers.get('content-type')).toBe('application/json');
    const basic: users.BasicAccount = expectShape(BasicAccount, res.result);
    expect(basic).toEqual({
      account_id: me.account_id,
      name: me.name,
      email: 'ada@example.org',
      email_verified: true,
      disabled: false,
      is_teammate: true,
    });
    const batch = (await dbx.usersGetAccountBatch({ account_ids: [me.account_id, me.account_id] })).result;
    expect(batch).toEqual([basic, basic]);
  });

  it('answers an account it does not hold with no_account, naming it in the batch', async () => {
    const dbx = lb.client();
    const me = (await dbx.usersGetCurrentAccount()).result;
    expect(await routeError(dbx.usersGetAccount({ account_id: stranger }))).toEqual({ '.tag': 'no_account' });
    expect(await routeError(dbx.usersGetAccountBatch({ account_ids: [me.account_id, stranger] }))).toEqual({
      '.tag': 'no_account',
      no_account: stranger,
    });
    // An AccountId is exactly 40 characters; anything else fails validation with 400 text.
    expect(await badRequest(dbx.usersGetAccount({ account_id: 'dbid:short' }))).toContain('account_id');
  });
});
