import { Dropbox, type users } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { badRequest, expectShape, FullAccount, failureOf } from '../test-support/shapes.ts';

let lb: TestLocalbox;
let token: string;
let root: users.FullAccount['root_info'];
beforeAll(async () => {
  lb = await startTestLocalbox();
  token = lb.box.issueTokens().access_token;
  await lb.client({ accessToken: token }).filesUpload({ path: '/home.txt', contents: 'at home' });
  root = expectShape(
    FullAccount,
    (await lb.client({ accessToken: token }).usersGetCurrentAccount()).result,
  ).root_info;
});
afterAll(() => lb.stop());

const withHeaders = (headers: { pathRoot?: string; selectUser?: string; selectAdmin?: string }) =>
  new Dropbox({ accessToken: token, fetch: lb.fetch, ...headers });
const names = async (dbx: Dropbox) =>
  (await dbx.filesListFolder({ path: '' })).result.entries.map((entry) => entry.name);

describe("the account's root", () => {
  it('is a user root whose root and home namespace are the same, as for any personal account', () => {
    expect(root).toEqual({
      '.tag': 'user',
      root_namespace_id: root.home_namespace_id,
      home_namespace_id: root.home_namespace_id,
    });
    expect(root.home_namespace_id).toMatch(/^\d+$/);
  });
});

describe('Dropbox-API-Path-Root', () => {
  it('home, root and namespace_id naming the account itself list the home folder', async () => {
    const ns = root.root_namespace_id;
    for (const pathRoot of [
      '{".tag": "home"}',
      '"home"',
      JSON.stringify({ '.tag': 'root', root: ns }),
      JSON.stringify({ '.tag': 'namespace_id', namespace_id: ns }),
    ]) {
      expect(await names(withHeaders({ pathRoot }))).toEqual(['home.txt']);
    }
  });

  it('a namespace that is not yours answers 422 no_permission, and lists nothing', async () => {
    const pathRoot = JSON.stringify({ '.tag': 'namespace_id', namespace_id: '1' });
    const refused = await failureOf(withHeaders({ pathRoot }).filesListFolder({ path: '' }));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toBe('application/json');
    expect(refused.body).toEqual({ error_summary: 'no_permission/..', error: { '.tag': 'no_permission' } });
  });

  it('a root that is not your root answers 422 invalid_root with your root info', async () => {
    const pathRoot = JSON.stringify({ '.tag': 'root', root: '1' });
    const refused = await failureOf(
      withHeaders({ pathRoot }).filesUpload({ path: '/elsewhere.txt', contents: 'no' }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { '.tag': 'invalid_root', invalid_root: root } });
    expect(await names(lb.client({ accessToken: token }))).toEqual(['home.txt']);
  });

  it('a header that is not a PathRoot is a 400', async () => {
    expect(await badRequest(withHeaders({ pathRoot: 'home' }).filesListFolder({ path: '' }))).toContain(
      'Dropbox-API-Path-Root',
    );
    const unknownTag = JSON.stringify({ '.tag': 'team', team: '1' });
    expect(await badRequest(withHeaders({ pathRoot: unknownTag }).filesListFolder({ path: '' }))).toContain(
      'Dropbox-API-Path-Root',
    );
  });
});

describe('Dropbox-API-Select-User and Select-Admin on a user token', () => {
  it('answer the 400 Dropbox gives a user-linked app', async () => {
    const user = await badRequest(withHeaders({ selectUser: 'dbmid:someone' }).usersGetCurrentAccount());
    expect(user).toBe(
      'Error in call to API function "users/get_current_account": Unexpected select user header. Your app does not have permission to use this feature',
    );
    const admin = await badRequest(
      withHeaders({ selectAdmin: 'dbmid:someone' }).filesListFolder({ path: '' }),
    );
    expect(admin).toContain('Unexpected select admin header.');
  });
});
