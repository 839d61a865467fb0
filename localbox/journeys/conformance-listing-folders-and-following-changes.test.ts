import type { files } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  badRequest,
  expectShape,
  ListFolderGetLatestCursorResult,
  ListFolderResult,
  routeError,
} from '../test-support/shapes.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
type Entry = files.ListFolderResult['entries'][number];
/** An entry as "tag path_display", enough to tell what a client would apply. */
const brief = (entry: Entry) => `${entry['.tag']} ${entry.path_display}`;

describe('listing folders with files/list_folder', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  const list = async (arg: files.ListFolderArg) => {
    const res = await dbx.filesListFolder(arg);
    expect(res.headers.get('content-type')).toBe('application/json');
    const result: files.ListFolderResult = expectShape(ListFolderResult, res.result);
    return result;
  };
  const next = async (cursor: string) => {
    const res = await dbx.filesListFolderContinue({ cursor });
    const result: files.ListFolderResult = expectShape(ListFolderResult, res.result);
    return result;
  };

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
    await dbx.filesUpload({ path: '/Top.txt', contents: bytes('top') });
    await dbx.filesUpload({ path: '/Tree/a.txt', contents: bytes('a') });
    await dbx.filesUpload({ path: '/Tree/Sub/b.txt', contents: bytes('b') });
    await dbx.filesCreateFolderV2({ path: '/Tree/Empty' });
  });
  afterAll(() => lb.stop());

  it('lists the root as "" with the direct children only', async () => {
    const result = await list({ path: '' });
    expect(result.has_more).toBe(false);
    expect(result.entries.map(brief).sort()).toEqual(['file /Top.txt', 'folder /Tree']);
    const top = result.entries.find((e) => e.name === 'Top.txt') as files.FileMetadataReference;
    expect(top.size).toBe(3);
    expect(top.content_hash).toHaveLength(64);
  });

  it('refuses "/" for the root with 400 text', async () => {
    expect(await badRequest(dbx.filesListFolder({ path: '/' }))).toBe(
      'Error in call to API function "files/list_folder": request body: path: Specify the root folder as an empty string rather than as "/".',
    );
  });

  it('lists a folder by path in any casing, and by id:', async () => {
    const byPath = await list({ path: '/TREE' });
    expect(byPath.entries.map(brief).sort()).toEqual([
      'file /Tree/a.txt',
      'folder /Tree/Empty',
      'folder /Tree/Sub',
    ]);
    const folder = await dbx.filesGetMetadata({ path: '/tree' });
    const byId = await list({ path: (folder.result as files.FolderMetadataReference).id });
    expect(byId.entries.map(brief).sort()).toEqual(byPath.entries.map(brief).sort());
  });

  it('lists everything beneath a folder, the folder first, when recursive', async () => {
    const result = await list({ path: '/Tree', recursive: true });
    expect(result.entries[0]).toMatchObject({ '.tag': 'folder', path_display: '/Tree' });
    expect(result.entries.map(brief).sort()).toEqual([
      'file /Tree/Sub/b.txt',
      'file /Tree/a.txt',
      'folder /Tree',
      'folder /Tree/Empty',
      'folder /Tree/Sub',
    ]);
    const everything = await list({ path: '', recursive: true });
    expect(everything.entries).toHaveLength(6);
  });

  it('pages with limit, has_more and list_folder/continue, each entry once', async () => {
    for (let i = 0; i < 7; i++) await dbx.filesUpload({ path: `/Paged/f${i}.txt`, contents: bytes(`${i}`) });
    let page = await list({ path: '/paged', limit: 3 });
    const seen = page.entries.map((e) => e.name);
    expect(page.entries.length).toBeLessThanOrEqual(3);
    expect(page.has_more).toBe(true);
    let pages = 1;
    while (page.has_more) {
      page = await next(page.cursor);
      seen.push(...page.entries.map((e) => e.name));
      pages++;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.sort()).toEqual(['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt', 'f5.txt', 'f6.txt']);
    // The last cursor follows changes from here on.
    await dbx.filesUpload({ path: '/Paged/f7.txt', contents: bytes('7') });
    expect((await next(page.cursor)).entries.map(brief)).toEqual(['file /Paged/f7.txt']);
  });

  it('shows deleted entries only when include_deleted is set', async () => {
    await dbx.filesUpload({ path: '/Bin/kept.txt', contents: bytes('k') });
    await dbx.filesUpload({ path: '/Bin/gone.txt', contents: bytes('g') });
    await dbx.filesDeleteV2({ path: '/Bin/gone.txt' });
    expect((await list({ path: '/bin' })).entries.map(brief)).toEqual(['file /Bin/kept.txt']);
    const withDeleted = await list({ path: '/bin', include_deleted: true });
    expect(withDeleted.entries.map(brief).sort()).toEqual(['deleted /Bin/gone.txt', 'file /Bin/kept.txt']);
    const deleted = withDeleted.entries.find((e) => e['.tag'] === 'deleted');
    expect(deleted).toEqual({
      '.tag': 'deleted',
      name: 'gone.txt',
      path_lower: '/bin/gone.txt',
      path_display: '/Bin/gone.txt',
    });
  });

  it('answers lookup errors nested under path', async () => {
    const lookup = (tag: string) => ({ '.tag': 'path', path: { '.tag': tag } });
    expect(await routeError(dbx.filesListFolder({ path: '/Top.txt' }))).toEqual(lookup('not_folder'));
    expect(await routeError(dbx.filesListFolder({ path: '/Nowhere' }))).toEqual(lookup('not_found'));
    expect(await routeError(dbx.filesListFolder({ path: '/Tree/' }))).toEqual(lookup('malformed_path'));
  });
});

describe('following changes with list_folder/continue and get_latest_cursor', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  let other: ReturnType<TestLocalbox['client']>;
  const latest = async (arg: files.ListFolderArg) => {
    const res = await dbx.filesListFolderGetLatestCursor(arg);
    expect(res.headers.get('content-type')).toBe('application/json');
    const result: files.ListFolderGetLatestCursorResult = expectShape(
      ListFolderGetLatestCursorResult,
      res.result,
    );
    return result.cursor;
  };
  const changes = async (cursor: string) => {
    const res = await dbx.filesListFolderContinue({ cursor });
    return expectShape(ListFolderResult, res.result);
  };

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
    other = lb.client();
    await dbx.filesUpload({ path: '/Work/existing.txt', contents: bytes('e') });
  });
  afterAll(() => lb.stop());

  it('gives a cursor with no entries, after which only new changes show', async () => {
    const cursor = await latest({ path: '/work' });
    const nothing = await changes(cursor);
    expect(nothing.entries).toEqual([]);
    expect(nothing.has_more).toBe(false);
    const up = await other.filesUpload({ path: '/Work/new.txt', contents: bytes('n') });
    const seen = await changes(nothing.cursor);
    expect(seen.entries).toEqual([{ '.tag': 'file', ...up.result }]);
    expect((await changes(seen.cursor)).entries).toEqual([]);
  });

  it('reports deletes as deleted entries without include_deleted, folders with their contents', async () => {
    await dbx.filesUpload({ path: '/Work/Old/x.txt', contents: bytes('x') });
    const cursor = await latest({ path: '/Work', recursive: true });
    await other.filesDeleteV2({ path: '/Work/existing.txt' });
    await other.filesDeleteV2({ path: '/Work/Old' });
    const seen = await changes(cursor);
    expect(seen.entries.map(brief).sort()).toEqual([
      'deleted /Work/Old',
      'deleted /Work/Old/x.txt',
      'deleted /Work/existing.txt',
    ]);
  });

  it('reports a move as a delete at the old path and an entry at the new one', async () => {
    await dbx.filesUpload({ path: '/Move/from.txt', contents: bytes('m') });
    const cursor = await latest({ path: '/Move' });
    const moved = await other.filesMoveV2({ from_path: '/Move/from.txt', to_path: '/Move/to.txt' });
    const seen = await changes(cursor);
    expect(seen.entries.map(brief).sort()).toEqual(['deleted /Move/from.txt', 'file /Move/to.txt']);
    expect(seen.entries.find((e) => e['.tag'] === 'file')).toEqual(moved.result.metadata);
  });

  it('leaves out changes below the folder unless the cursor is recursive', async () => {
    const flat = await latest({ path: '' });
    const deep = await latest({ path: '', recursive: true });
    await other.filesUpload({ path: '/Deep/inner/file.txt', contents: bytes('d') });
    expect((await changes(flat)).entries.map(brief)).toEqual(['folder /Deep']);
    expect((await changes(deep)).entries.map(brief)).toEqual([
      'folder /Deep',
      'folder /Deep/inner',
      'file /Deep/inner/file.txt',
    ]);
  });

  it('resets a cursor that another localbox handed out', async () => {
    const elsewhere = await startTestLocalbox();
    try {
      const foreign = (await elsewhere.client().filesListFolderGetLatestCursor({ path: '' })).result.cursor;
      expect(await routeError(dbx.filesListFolderContinue({ cursor: foreign }))).toEqual({ '.tag': 'reset' });
    } finally {
      await elsewhere.stop();
    }
  });

  it('answers get_latest_cursor on a file with not_folder', async () => {
    await dbx.filesUpload({ path: '/plain.txt', contents: bytes('p') });
    expect(await routeError(dbx.filesListFolderGetLatestCursor({ path: '/plain.txt' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_folder' },
    });
  });
});
