import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

interface Seen {
  route: string;
  status: number;
  contentType: string | null;
}

/**
 * The Python SDK asserts Content-Type == "application/json" on success and on 401, so a charset suffix
 * anywhere breaks it. This drives every route through the JS SDK and looks at what came back.
 */
describe('the Content-Type of every answer', () => {
  let lb: TestLocalbox;
  const seen: Seen[] = [];
  const recording = (origin: typeof fetch) =>
    (async (url: string, init: RequestInit) => {
      const res = await origin(url, init);
      const route = new URL(url).pathname.replace(/^\/2\//, '');
      seen.push({ route, status: res.status, contentType: res.headers.get('content-type') });
      return res;
    }) as typeof fetch;
  const sdk = (accessToken: string) => new Dropbox({ accessToken, fetch: recording(lb.fetch) });
  const ignore = (call: Promise<unknown>) => call.catch(() => undefined);

  beforeAll(async () => {
    lb = await startTestLocalbox();
  });
  afterAll(() => lb.stop());

  it('is exactly application/json for JSON, octet-stream for downloads and text for 400', async () => {
    const dbx = sdk(lb.box.issueTokens().access_token);
    await dbx.usersGetCurrentAccount();
    await dbx.usersGetSpaceUsage();
    const v1 = (await dbx.filesUpload({ path: '/ct/a.txt', contents: bytes('a') })).result;
    await ignore(dbx.filesUpload({ path: '/ct/a.txt', contents: bytes('b') }));
    const { session_id } = (await dbx.filesUploadSessionStart({ contents: bytes('s') })).result;
    await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 1 }, contents: bytes('t') });
    await ignore(dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 0 }, contents: bytes('t') }));
    await dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 2 },
      commit: { path: '/ct/s.txt' },
      contents: bytes(''),
    });
    await dbx.filesDownload({ path: '/ct/a.txt' });
    await ignore(dbx.filesDownload({ path: '/ct/missing.txt' }));
    await dbx.filesGetMetadata({ path: '/ct/a.txt' });
    await ignore(dbx.filesGetMetadata({ path: '' }));
    const listed = (await dbx.filesListFolder({ path: '/ct' })).result;
    await dbx.filesListFolderContinue({ cursor: listed.cursor });
    const latest = (await dbx.filesListFolderGetLatestCursor({ path: '/ct' })).result;
    await dbx.filesUpload({ path: '/ct/b.txt', contents: bytes('b') });
    await dbx.filesListFolderLongpoll({ cursor: latest.cursor, timeout: 30 });
    await dbx.filesListRevisions({ path: '/ct/a.txt' });
    await dbx.filesUpload({ path: '/ct/a.txt', contents: bytes('a2'), mode: { '.tag': 'overwrite' } });
    await dbx.filesRestore({ path: '/ct/a.txt', rev: v1.rev });
    await dbx.filesCreateFolderV2({ path: '/ct/dir' });
    await dbx.filesMoveV2({ from_path: '/ct/b.txt', to_path: '/ct/dir/b.txt' });
    await ignore(dbx.filesMoveV2({ from_path: '/ct/none.txt', to_path: '/ct/dir/none.txt' }));
    await dbx.filesDeleteV2({ path: '/ct/dir' });
    for (let i = 0; i < 3; i++) await dbx.filesUpload({ path: `/ct/find ${i}.txt`, contents: bytes('f') });
    const found = (await dbx.filesSearchV2({ query: 'find', options: { max_results: 1 } })).result;
    await dbx.filesSearchContinueV2({ cursor: found.cursor as string });
    await ignore(sdk(`sl.${'z'.repeat(100)}`).usersGetCurrentAccount());
    lb.box.injectFaults({ expireTokens: true });
    await ignore(dbx.filesListFolder({ path: '' }));
    lb.box.clearFaults();

    const routes = new Set(seen.map((s) => s.route));
    for (const route of [
      'users/get_current_account',
      'users/get_space_usage',
      'files/upload',
      'files/upload_session/start',
      'files/upload_session/append_v2',
      'files/upload_session/finish',
      'files/download',
      'files/get_metadata',
      'files/list_folder',
      'files/list_folder/continue',
      'files/list_folder/get_latest_cursor',
      'files/list_folder/longpoll',
      'files/list_revisions',
      'files/restore',
      'files/create_folder_v2',
      'files/move_v2',
      'files/delete_v2',
      'files/search_v2',
      'files/search/continue_v2',
    ])
      expect(routes).toContain(route);
    const statuses = new Set(seen.map((s) => s.status));
    for (const status of [200, 400, 401, 409]) expect(statuses).toContain(status);

    for (const answer of seen) {
      const label = `${answer.route} ${answer.status}`;
      if (answer.status === 400) expect(answer.contentType, label).toMatch(/^text\/plain/);
      else if (answer.route === 'files/download' && answer.status === 200)
        expect(answer.contentType, label).toBe('application/octet-stream');
      else expect(answer.contentType, label).toBe('application/json');
    }
  });
});
