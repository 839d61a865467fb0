import type { sharing } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropboxTimestamp } from '../domain/time.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { badRequest, expectShape, routeError } from '../test-support/shapes.ts';
import {
  FileLinkMetadata,
  FolderLinkMetadata,
  ListSharedLinksResult,
  SharedLinkMetadata,
} from '../test-support/sharing-shapes.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const inAnHour = () => dropboxTimestamp(Date.now() + 3_600_000);
type DownloadedLink = sharing.FileLinkMetadataReference & { fileBinary: Buffer };

describe('shared links through the official SDK', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;

  const create = async (arg: sharing.CreateSharedLinkWithSettingsArg) =>
    expectShape(SharedLinkMetadata, (await dbx.sharingCreateSharedLinkWithSettings(arg)).result);
  const list = async (arg: sharing.ListSharedLinksArg) => {
    const result: sharing.ListSharedLinksResult = expectShape(
      ListSharedLinksResult,
      (await dbx.sharingListSharedLinks(arg)).result,
    );
    return result;
  };

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
  });
  afterAll(() => lb.stop());

  it('creates a file link with the file metadata and a URL localbox serves', async () => {
    const file = (await dbx.filesUpload({ path: '/Notes/Plan.md', contents: bytes('# plan\n') })).result;
    const link: sharing.FileLinkMetadataReference = expectShape(
      FileLinkMetadata,
      await create({ path: '/notes/plan.md' }),
    );
    expect(link).toMatchObject({
      '.tag': 'file',
      id: file.id,
      name: 'Plan.md',
      path_lower: '/notes/plan.md',
      client_modified: file.client_modified,
      server_modified: file.server_modified,
      rev: file.rev,
      size: 7,
    });
    expect(link.expires).toBeUndefined();
    expect(link.link_permissions).toMatchObject({
      resolved_visibility: { '.tag': 'public' },
      effective_audience: { '.tag': 'public' },
      link_access_level: { '.tag': 'viewer' },
      can_revoke: true,
      allow_download: true,
      require_password: false,
    });
    expect(link.url).toMatch(new RegExp(`^${lb.box.url}/s/[A-Za-z0-9_-]{22}/Plan\\.md\\?dl=0$`));
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('# plan\n');
  });

  it('answers shared_link_already_exists with the existing link, bare when the settings differ', async () => {
    await dbx.filesUpload({ path: '/Twice.txt', contents: bytes('twice') });
    const first = await create({ path: '/Twice.txt' });
    const again = await routeError(dbx.sharingCreateSharedLinkWithSettings({ path: '/twice.txt' }));
    expect(again).toEqual({
      '.tag': 'shared_link_already_exists',
      shared_link_already_exists: { '.tag': 'metadata', metadata: first },
    });
    const sameSettings = await routeError(
      dbx.sharingCreateSharedLinkWithSettings({
        path: '/Twice.txt',
        settings: { audience: { '.tag': 'public' } },
      }),
    );
    expect(sameSettings).toEqual(again);
    const otherSettings = await routeError(
      dbx.sharingCreateSharedLinkWithSettings({ path: '/Twice.txt', settings: { expires: inAnHour() } }),
    );
    expect(otherSettings).toEqual({ '.tag': 'shared_link_already_exists' });
    // Dropbox keeps one view link and one edit link per item.
    const edit = await create({ path: '/Twice.txt', settings: { access: { '.tag': 'editor' } } });
    expect(edit.url).not.toBe(first.url);
    expect(edit.link_permissions.link_access_level).toEqual({ '.tag': 'editor' });
  });

  it('refuses settings it cannot honour with settings_error, and missing paths with path/not_found', async () => {
    await dbx.filesUpload({ path: '/Settings.txt', contents: bytes('s') });
    const settingsError = (settings: sharing.SharedLinkSettings) =>
      routeError(dbx.sharingCreateSharedLinkWithSettings({ path: '/Settings.txt', settings }));
    const invalid = { '.tag': 'settings_error', settings_error: { '.tag': 'invalid_settings' } };
    expect(await settingsError({ expires: '2001-01-01T00:00:00Z' })).toEqual(invalid);
    expect(await settingsError({ require_password: true })).toEqual(invalid);
    expect(await settingsError({})).toEqual(invalid);
    expect(await settingsError({ audience: { '.tag': 'team' } })).toEqual({
      '.tag': 'settings_error',
      settings_error: { '.tag': 'not_authorized' },
    });
    expect(await routeError(dbx.sharingCreateSharedLinkWithSettings({ path: '/Nowhere.txt' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
    expect(
      await badRequest(
        dbx.sharingCreateSharedLinkWithSettings({ path: '/Settings.txt', settings: { expires: 'soon' } }),
      ),
    ).toMatch(
      /^Error in call to API function "sharing\/create_shared_link_with_settings": request body: settings\.expires: /,
    );
    const expires = inAnHour();
    const link = await create({ path: '/Settings.txt', settings: { expires, allow_download: false } });
    expect(link.expires).toBe(expires);
    expect(link.link_permissions.allow_download).toBe(false);
  });

  it('links a folder, and reaches a file inside it by relative path', async () => {
    await dbx.filesUpload({ path: '/Album/Inside/Photo.txt', contents: bytes('pixels') });
    const folder: sharing.FolderLinkMetadataReference = expectShape(
      FolderLinkMetadata,
      await create({ path: '/Album' }),
    );
    expect(folder).toMatchObject({ '.tag': 'folder', name: 'Album', path_lower: '/album' });
    const inside = await dbx.sharingGetSharedLinkMetadata({ url: folder.url, path: '/Inside/photo.txt' });
    expect(expectShape(FileLinkMetadata, inside.result)).toMatchObject({
      url: folder.url,
      name: 'Photo.txt',
      path_lower: '/album/inside/photo.txt',
      size: 6,
    });
    const file = await dbx.sharingGetSharedLinkFile({ url: folder.url, path: '/Inside/Photo.txt' });
    expect(Buffer.from((file.result as DownloadedLink).fileBinary).toString()).toBe('pixels');
    expect(JSON.parse(file.headers.get('dropbox-api-result') as string)).toEqual(inside.result);
    expect(await routeError(dbx.sharingGetSharedLinkFile({ url: folder.url }))).toEqual({
      '.tag': 'shared_link_is_directory',
    });
    expect(
      await routeError(dbx.sharingGetSharedLinkMetadata({ url: folder.url, path: '/Gone.txt' })),
    ).toEqual({
      '.tag': 'shared_link_not_found',
    });
  });

  it('lists the links to a path, its folders’ too unless direct_only', async () => {
    await dbx.filesUpload({ path: '/Deep/Er/Leaf.txt', contents: bytes('leaf') });
    const leaf = await create({ path: '/Deep/Er/Leaf.txt' });
    const deep = await create({ path: '/Deep' });
    expect((await list({ path: '/deep/er/leaf.txt', direct_only: true })).links).toEqual([leaf]);
    const all = await list({ path: '/Deep/Er/Leaf.txt' });
    expect(all).toEqual({ links: [leaf, deep], has_more: false });
    expect((await list({ path: '/Deep/Er' })).links).toEqual([deep]);
    expect(await routeError(dbx.sharingListSharedLinks({ path: '/Deep/Nope' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
  });

  it('lists every link a page at a time, and the cursor picks up where it stopped', async () => {
    const before = (await list({})).links.length;
    const folders = Array.from({ length: 101 }, (_, n) => `/Many/F${String(n).padStart(3, '0')}`);
    for (const path of folders) {
      await dbx.filesCreateFolderV2({ path });
      await dbx.sharingCreateSharedLinkWithSettings({ path });
      await dbx.sharingCreateSharedLinkWithSettings({ path, settings: { access: { '.tag': 'editor' } } });
    }
    const first = await list({});
    expect(first.has_more).toBe(true);
    expect(first.links).toHaveLength(200);
    const rest = await list({ cursor: first.cursor as string });
    expect(rest.has_more).toBe(false);
    expect(first.links.length + rest.links.length).toBe(before + 202);
    const urls = new Set([...first.links, ...rest.links].map((link) => link.url));
    expect(urls.size).toBe(before + 202);
    expect(await badRequest(dbx.sharingListSharedLinks({ cursor: 'garbage' }))).toMatch(/Invalid "cursor"/);
  });

  it('modifies expiry, password and downloads, but never the access level', async () => {
    await dbx.filesUpload({ path: '/Modify.txt', contents: bytes('m') });
    const link = await create({ path: '/Modify.txt' });
    const expires = inAnHour();
    const modified = await dbx.sharingModifySharedLinkSettings({
      url: link.url,
      settings: { expires, link_password: 'open sesame', allow_download: false },
    });
    expect(expectShape(FileLinkMetadata, modified.result)).toMatchObject({
      url: link.url,
      expires,
      link_permissions: {
        require_password: true,
        allow_download: false,
        resolved_visibility: { '.tag': 'password' },
      },
    });
    const cleared = await dbx.sharingModifySharedLinkSettings({
      url: link.url,
      settings: { require_password: false, allow_download: true },
      remove_expiration: true,
    });
    expect(cleared.result.expires).toBeUndefined();
    expect(cleared.result.link_permissions).toMatchObject({ require_password: false, allow_download: true });
    expect(
      await routeError(
        dbx.sharingModifySharedLinkSettings({ url: link.url, settings: { access: { '.tag': 'editor' } } }),
      ),
    ).toEqual({ '.tag': 'settings_error', settings_error: { '.tag': 'invalid_settings' } });
    const unknown = `${lb.box.url}/s/${'x'.repeat(22)}/Modify.txt?dl=0`;
    expect(
      await routeError(dbx.sharingModifySharedLinkSettings({ url: unknown, settings: { expires } })),
    ).toEqual({
      '.tag': 'shared_link_not_found',
    });
  });

  it('revokes a link: it is gone from the API and its URL, and revoking again finds nothing', async () => {
    await dbx.filesUpload({ path: '/Revoke.txt', contents: bytes('r') });
    const link = await create({ path: '/Revoke.txt' });
    const revoked = await dbx.sharingRevokeSharedLink({ url: link.url });
    expect(revoked.result).toBeNull();
    expect(await routeError(dbx.sharingGetSharedLinkMetadata({ url: link.url }))).toEqual({
      '.tag': 'shared_link_not_found',
    });
    expect((await fetch(link.url)).status).toBe(404);
    expect(await routeError(dbx.sharingRevokeSharedLink({ url: link.url }))).toEqual({
      '.tag': 'shared_link_not_found',
    });
    expect(await routeError(dbx.sharingRevokeSharedLink({ url: 'not a link' }))).toEqual({
      '.tag': 'shared_link_malformed',
    });
    expect((await list({ path: '/Revoke.txt' })).links).toEqual([]);
    const fresh = await create({ path: '/Revoke.txt' });
    expect(fresh.url).not.toBe(link.url);
  });
});
