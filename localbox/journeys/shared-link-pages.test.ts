import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { sharing } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropboxTimestamp } from '../domain/time.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { routeError } from '../test-support/shapes.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('a shared link opened as a URL', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  let token: string;

  const share = async (path: string, settings?: sharing.SharedLinkSettings) =>
    (await dbx.sharingCreateSharedLinkWithSettings({ path, settings })).result.url;
  const postPassword = (url: string, password: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password }).toString(),
    });

  beforeAll(async () => {
    lb = await startTestLocalbox();
    token = lb.box.issueTokens().access_token;
    dbx = lb.client({ accessToken: token });
  });
  afterAll(() => lb.stop());

  it("serves the file's current bytes, inline or with dl=1 as an attachment, never sniffed", async () => {
    await dbx.filesUpload({ path: '/Draft.txt', contents: bytes('one') });
    const url = await share('/Draft.txt');
    await dbx.filesUpload({ path: '/Draft.txt', contents: bytes('two!'), mode: { '.tag': 'overwrite' } });
    const inline = await fetch(url);
    expect(inline.status).toBe(200);
    expect(await inline.text()).toBe('two!');
    expect(inline.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''Draft.txt");
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff');
    expect(inline.headers.get('cache-control')).toBe('no-store');
    const attachment = await fetch(url.replace('dl=0', 'dl=1'));
    expect(attachment.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''Draft.txt");
    expect(await attachment.text()).toBe('two!');
  });

  it('follows its file through a move and a rename, and comes back when the file is restored', async () => {
    const first = (await dbx.filesUpload({ path: '/Old/Name.txt', contents: bytes('kept') })).result;
    const url = await share('/Old/Name.txt');
    await dbx.filesMoveV2({ from_path: '/Old/Name.txt', to_path: '/New/Renamed.txt' });
    expect(await (await fetch(url)).text()).toBe('kept');
    const meta = (await dbx.sharingGetSharedLinkMetadata({ url })).result;
    expect(meta).toMatchObject({ name: 'Renamed.txt', path_lower: '/new/renamed.txt', id: first.id });
    expect(meta.url).toMatch(/\/Renamed\.txt\?dl=0$/);
    await dbx.filesDeleteV2({ path: '/New/Renamed.txt' });
    expect((await fetch(url)).status).toBe(404);
    expect(await routeError(dbx.sharingGetSharedLinkMetadata({ url }))).toEqual({
      '.tag': 'shared_link_not_found',
    });
    const revs = (await dbx.filesListRevisions({ path: '/New/Renamed.txt' })).result.entries;
    await dbx.filesRestore({ path: '/New/Renamed.txt', rev: revs[0]?.rev as string });
    expect(await (await fetch(url)).text()).toBe('kept');
  });

  it('stops working when it expires: 410 for the URL, shared_link_not_found for the API', async () => {
    await dbx.filesUpload({ path: '/Soon.txt', contents: bytes('brief') });
    const expires = dropboxTimestamp(Date.now() + 2_000);
    const url = await share('/Soon.txt', { expires });
    expect(await (await fetch(url)).text()).toBe('brief');
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expires) - Date.now() + 50));
    const gone = await fetch(url);
    expect(gone.status).toBe(410);
    expect(await routeError(dbx.sharingGetSharedLinkMetadata({ url }))).toEqual({
      '.tag': 'shared_link_not_found',
    });
    expect((await dbx.sharingListSharedLinks({ path: '/Soon.txt' })).result.links).toEqual([]);
    // An expired link is dead: sharing the file again makes a new one.
    expect(await share('/Soon.txt')).not.toBe(url);
  });

  it('asks for the password of a protected link and serves the bytes once it is given', async () => {
    await dbx.filesUpload({ path: '/Secret.txt', contents: bytes('hush') });
    const url = await share('/Secret.txt', { require_password: true, link_password: 'swordfish' });
    const asked = await fetch(url);
    expect(asked.status).toBe(401);
    expect(asked.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await asked.text()).toContain('<form method="post">');
    const wrong = await postPassword(url, 'tuna');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('not right');
    const right = await postPassword(url, 'swordfish');
    expect(right.status).toBe(200);
    expect(await right.text()).toBe('hush');
    expect(await routeError(dbx.sharingGetSharedLinkMetadata({ url, link_password: 'tuna' }))).toEqual({
      '.tag': 'shared_link_access_denied',
    });
    expect((await dbx.sharingGetSharedLinkMetadata({ url, link_password: 'swordfish' })).status).toBe(200);
  });

  it("opens a no_one link only for the owner's token, and refuses dl=1 when downloads are off", async () => {
    await dbx.filesUpload({ path: '/Mine.txt', contents: bytes('mine') });
    const mine = await share('/Mine.txt', { audience: { '.tag': 'no_one' } });
    expect((await fetch(mine)).status).toBe(403);
    const owner = await fetch(mine, { headers: { Authorization: `Bearer ${token}` } });
    expect(await owner.text()).toBe('mine');
    await dbx.filesUpload({ path: '/ViewOnly.txt', contents: bytes('look') });
    const view = await share('/ViewOnly.txt', { allow_download: false });
    expect(await (await fetch(view)).text()).toBe('look');
    expect((await fetch(view.replace('dl=0', 'dl=1'))).status).toBe(403);
    expect(await routeError(dbx.sharingGetSharedLinkFile({ url: view }))).toEqual({
      '.tag': 'shared_link_access_denied',
    });
  });
});

describe('shared links across a restart', () => {
  it('keeps links, with their settings, in the data folder: the same link opens on the new port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'localbox-links-'));
    try {
      const before = await startTestLocalbox({ dataDir });
      const dbx = before.client();
      await dbx.filesUpload({ path: '/Durable.txt', contents: bytes('still here') });
      const expires = dropboxTimestamp(Date.now() + 3_600_000);
      const created = (
        await dbx.sharingCreateSharedLinkWithSettings({ path: '/Durable.txt', settings: { expires } })
      ).result;
      await before.stop();
      const after = await startTestLocalbox({ dataDir });
      try {
        const listed = (await after.client().sharingListSharedLinks({})).result.links;
        expect(listed).toHaveLength(1);
        const [link] = listed;
        expect(link?.url).toBe(created.url.replace(before.box.url, after.box.url));
        expect(link?.expires).toBe(expires);
        expect(await (await fetch(link?.url as string)).text()).toBe('still here');
        // A URL handed out before the restart names the link by its id, whatever its host says.
        const old = await after.client().sharingGetSharedLinkMetadata({ url: created.url });
        expect(old.result.url).toBe(link?.url);
      } finally {
        await after.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
