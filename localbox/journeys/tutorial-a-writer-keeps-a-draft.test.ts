import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { files, users } from 'dropbox';
import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { signInThroughConsentPage } from '../test-support/oauth.ts';
import {
  expectShape,
  FileMetadata,
  FullAccount,
  failureOf,
  ListFolderResult,
  SpaceUsage,
} from '../test-support/shapes.ts';

/**
 * The seed tutorial, end to end over HTTP with the official SDK: sign in, look at the account, save a
 * draft, find it, read it back, lose a race with another device, and keep the refused save as a
 * conflicted copy without sending its bytes again.
 */
describe('tutorial: a writer keeps a draft in Dropbox', () => {
  let lb: TestLocalbox;
  let desk: string;

  beforeAll(async () => {
    lb = await startTestLocalbox({
      account: { givenName: 'Ada', surname: 'Lovelace', email: 'ada@example.org' },
    });
    desk = mkdtempSync(join(tmpdir(), 'opus-tutorial-'));
  });
  afterAll(async () => {
    await lb.stop();
    rmSync(desk, { recursive: true, force: true });
  });

  it('signs in, saves, lists, reads back, and keeps a stale save as a conflicted copy', async () => {
    // 1. Sign in with PKCE through the consent page.
    const signedIn = await signInThroughConsentPage(lb);
    expect(signedIn.refreshToken).toEqual(expect.any(String));
    const dbx = new Dropbox({
      clientId: lb.box.appKey,
      accessToken: signedIn.accessToken,
      accessTokenExpiresAt: new Date(Date.now() + signedIn.expiresIn * 1000),
      refreshToken: signedIn.refreshToken,
      fetch: lb.fetch,
    });

    // 2. Show the account: name, email, space used.
    const account: users.FullAccount = expectShape(FullAccount, (await dbx.usersGetCurrentAccount()).result);
    expect(account.account_id).toBe(signedIn.accountId);
    expect(account.name.display_name).toBe('Ada Lovelace');
    expect(account.email).toBe('ada@example.org');
    const space: users.SpaceUsage = expectShape(SpaceUsage, (await dbx.usersGetSpaceUsage()).result);
    expect(space.used).toBe(0);

    // 3. Upload the local working draft as /magnum-opus.txt.
    const draftPath = join(desk, 'working-draft.txt');
    writeFileSync(draftPath, 'Chapter 1\n\nIt was a dark and stormy night; the café was empty.\n');
    const draft = readFileSync(draftPath);
    const uploaded: files.FileMetadata = expectShape(
      FileMetadata,
      (await dbx.filesUpload({ path: '/magnum-opus.txt', contents: draft })).result,
    );
    expect(uploaded.size).toBe(draft.length);
    expect((await dbx.usersGetSpaceUsage()).result.used).toBe(draft.length);

    // 4. List the root and find it, with its size and when it was saved.
    const listing = expectShape(ListFolderResult, (await dbx.filesListFolder({ path: '' })).result);
    const listed = listing.entries.find((entry) => entry.path_lower === '/magnum-opus.txt');
    expect(listed).toEqual({ '.tag': 'file', ...uploaded });
    expect(listed).toMatchObject({ size: draft.length, server_modified: uploaded.server_modified });

    // 5. Download it with its metadata.
    const downloaded = await dbx.filesDownload({ path: '/magnum-opus.txt' });
    const { fileBinary, ...metadata } = downloaded.result as files.FileMetadata & { fileBinary: Buffer };
    expect(Buffer.from(fileBinary).equals(draft)).toBe(true);
    expect(JSON.parse(downloaded.headers.get('dropbox-api-result')).rev).toBe(uploaded.rev);
    expect(expectShape(FileMetadata, metadata).rev).toBe(uploaded.rev);

    // 6. Another device saves a new version meanwhile.
    const laptop = lb.client();
    const theirs = await laptop.filesUpload({
      path: '/magnum-opus.txt',
      contents: Buffer.from('Chapter 1\n\nCall me Ishmael.\n'),
      mode: { '.tag': 'update', update: uploaded.rev },
    });
    expect(theirs.result.rev).not.toBe(uploaded.rev);

    // 7. Our save from the rev we loaded is refused with exactly Dropbox's conflict body.
    const ours = Buffer.concat([draft, Buffer.from('The end.\n')]);
    lb.box.resetRequestCounts();
    const refused = await failureOf(
      dbx.filesUpload({
        path: '/magnum-opus.txt',
        contents: ours,
        mode: { '.tag': 'update', update: uploaded.rev },
        strict_conflict: true,
      }),
    );
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/json');
    const body = refused.body as { error: { upload_session_id: string } };
    const sessionId = body.error.upload_session_id;
    expect(sessionId).toEqual(expect.any(String));
    expect({ ...body, error: { ...body.error, upload_session_id: '<session>' } }).toStrictEqual({
      error_summary: 'path/conflict/file/...',
      error: {
        '.tag': 'path',
        reason: { '.tag': 'conflict', conflict: { '.tag': 'file' } },
        upload_session_id: '<session>',
      },
    });

    // 8. Keep the refused bytes as a conflicted copy, committing the session without re-uploading.
    const today = new Date().toISOString().slice(0, 10);
    const copyPath = `/magnum-opus (${account.name.given_name}'s conflicted copy ${today}).txt`;
    const copy = await dbx.filesUploadSessionFinish({
      cursor: { session_id: sessionId, offset: ours.length },
      commit: { path: copyPath },
      contents: Buffer.alloc(0),
    });
    const copied: files.FileMetadata = expectShape(FileMetadata, copy.result);
    expect(copied.path_display).toBe(copyPath);
    expect(copied.size).toBe(ours.length);
    expect(lb.box.requestCounts()).toEqual({ 'files/upload': 1, 'files/upload_session/finish': 1 });

    const readBack = async (path: string) =>
      Buffer.from(
        ((await dbx.filesDownload({ path })).result as unknown as { fileBinary: Buffer }).fileBinary,
      );
    expect((await readBack(copyPath)).equals(ours)).toBe(true);
    expect((await readBack('/magnum-opus.txt')).toString()).toBe('Chapter 1\n\nCall me Ishmael.\n');
    const names = (await dbx.filesListFolder({ path: '' })).result.entries.map((entry) => entry.name).sort();
    expect(names).toEqual([copyPath.slice(1), 'magnum-opus.txt']);
  });
});
