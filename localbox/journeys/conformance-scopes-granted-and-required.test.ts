import { Dropbox, DropboxAuth } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPES } from '../auth/scopes.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  openAuthorizePage,
  openConsent,
  postToken,
  signInThroughConsentPage,
  TEST_REDIRECT_URI,
  urlSafeState,
} from '../test-support/oauth.ts';
import { failureOf } from '../test-support/shapes.ts';

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox();
});
afterAll(() => lb.stop());

const sdk = (accessToken: string) => new Dropbox({ accessToken, fetch: lb.fetch });

/** A refresh as an app sends it, narrowed to `scope` when given: the raw answer. */
const refreshWith = (refreshToken: string, scope?: string) =>
  postToken(lb, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: lb.box.appKey,
    ...(scope === undefined ? {} : { scope }),
  });

describe('scopes an app asks for at sign-in', () => {
  it('an app that names none is granted every scope localbox has', async () => {
    const signedIn = await signInThroughConsentPage(lb);
    expect(signedIn.scope).toBe(SCOPES);
    expect(SCOPES.split(' ')).toEqual([
      'account_info.read',
      'files.content.read',
      'files.content.write',
      'files.metadata.read',
      'files.metadata.write',
      'sharing.read',
      'sharing.write',
    ]);
  });

  it('the consent page lists only what is asked for', async () => {
    const auth = new DropboxAuth({ clientId: lb.box.appKey, fetch: lb.fetch });
    const url = await auth.getAuthenticationUrl(
      TEST_REDIRECT_URI,
      urlSafeState(),
      'code',
      'offline',
      ['files.content.read'],
      'none',
      true,
    );
    const page = await (await openAuthorizePage(url.replace(/^https:\/\/[^/]+/, lb.box.url))).text();
    expect(page).toContain('Read the contents of your files');
    expect(page).not.toContain('Edit the contents of your files');
    expect(page).not.toContain('account details');
    await openConsent(lb, url);
  });

  it('a token carries just the scopes granted: a route needing another answers 401 missing_scope', async () => {
    const signedIn = await signInThroughConsentPage(lb, {
      scope: ['files.content.read', 'files.metadata.read'],
    });
    expect(signedIn.scope).toBe('files.content.read files.metadata.read');
    const dbx = sdk(signedIn.accessToken);
    await dbx.filesListFolder({ path: '' });

    const refused = await failureOf(dbx.filesUpload({ path: '/no.txt', contents: 'x' }));
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      error_summary: 'missing_scope/..',
      error: { '.tag': 'missing_scope', required_scope: 'files.content.write' },
    });
    // Exactly Dropbox's bytes and type, as the Python SDK asserts them.
    const raw = await fetch(`${lb.box.url}/2/users/get_current_account`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${signedIn.accessToken}` },
    });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('content-type')).toBe('application/json');
    expect(await raw.text()).toBe(
      '{"error_summary":"missing_scope/..","error":{".tag":"missing_scope","required_scope":"account_info.read"}}',
    );
  });

  it('include_granted_scopes=user adds every scope granted before', async () => {
    await signInThroughConsentPage(lb, { scope: ['sharing.read'] });
    const signedIn = await signInThroughConsentPage(lb, {
      scope: ['account_info.read'],
      includeGrantedScopes: 'user',
    });
    expect(signedIn.scope.split(' ')).toEqual(expect.arrayContaining(['account_info.read', 'sharing.read']));
    const alone = await signInThroughConsentPage(lb, { scope: ['account_info.read'] });
    expect(alone.scope).toBe('account_info.read');
  });

  it('a scope localbox does not know sends the browser back with invalid_scope', async () => {
    const query = new URLSearchParams({
      client_id: lb.box.appKey,
      response_type: 'code',
      redirect_uri: TEST_REDIRECT_URI,
      state: 'st',
      scope: 'files.content.read team_data.member',
    });
    const answer = await openAuthorizePage(`${lb.box.url}/oauth2/authorize?${query}`);
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get('location') ?? '').searchParams;
    expect(back.get('error')).toBe('invalid_scope');
    expect(back.get('error_description')).toBe(
      `"team_data.member" is not a scope this app can be granted (${SCOPES}).`,
    );
    expect(back.get('state')).toBe('st');
  });
});

describe('scopes on refresh', () => {
  it('a refresh asking for files.metadata.read gets a token with only that', async () => {
    const signedIn = await signInThroughConsentPage(lb);
    const narrowed = await refreshWith(signedIn.refreshToken ?? '', 'files.metadata.read');
    expect(narrowed.status).toBe(200);
    const body = narrowed.body as Record<string, unknown>;
    expect(body.scope).toBe('files.metadata.read');
    const dbx = sdk(String(body.access_token));
    await dbx.filesListFolder({ path: '' });
    const refused = await failureOf(dbx.usersGetCurrentAccount());
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      error: { '.tag': 'missing_scope', required_scope: 'account_info.read' },
    });

    // The refresh token keeps the whole grant: the next refresh without `scope` has it all again.
    const whole = await refreshWith(signedIn.refreshToken ?? '');
    expect((whole.body as Record<string, unknown>).scope).toBe(SCOPES);
  });

  it('the SDK can narrow a refresh too', async () => {
    const signedIn = await signInThroughConsentPage(lb);
    const auth = new DropboxAuth({
      clientId: lb.box.appKey,
      refreshToken: signedIn.refreshToken,
      fetch: lb.fetch,
    });
    await auth.refreshAccessToken(['files.content.read']);
    const dbx = sdk(auth.getAccessToken());
    expect((await failureOf(dbx.filesListFolder({ path: '' }))).body).toMatchObject({
      error: { required_scope: 'files.metadata.read' },
    });
  });

  it('a refresh cannot widen the grant: invalid_scope', async () => {
    const signedIn = await signInThroughConsentPage(lb, { scope: ['files.content.read'] });
    const widened = await refreshWith(signedIn.refreshToken ?? '', 'files.content.read files.content.write');
    expect(widened.status).toBe(400);
    expect(widened.body).toMatchObject({ error: 'invalid_scope' });
  });
});

describe('routes the spec gives no scope', () => {
  it('auth/token/revoke and the longpoll work with any scope', async () => {
    const full = sdk(lb.box.issueTokens().access_token);
    const { cursor } = (await full.filesListFolderGetLatestCursor({ path: '' })).result;
    const signedIn = await signInThroughConsentPage(lb, { scope: ['sharing.read'] });
    const dbx = sdk(signedIn.accessToken);
    const polling = new Dropbox({ fetch: lb.fetch }).filesListFolderLongpoll({ cursor, timeout: 30 });
    await full.filesUpload({ path: '/poked.txt', contents: 'x' });
    expect((await polling).result.changes).toBe(true);
    await dbx.authTokenRevoke();
    expect((await failureOf(dbx.sharingListSharedLinks({}))).status).toBe(401);
  });
});
