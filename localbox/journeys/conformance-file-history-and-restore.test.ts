import type { files } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { expectShape, FileMetadata, ListRevisionsResult, routeError } from '../test-support/shapes.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('file history with list_revisions and restore', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  const history = async (arg: files.ListRevisionsArg) => {
    const res = await dbx.filesListRevisions(arg);
    expect(res.headers.get('content-type')).toBe('application/json');
    const result: files.ListRevisionsResult = expectShape(ListRevisionsResult, res.result);
    return result;
  };
  const write = async (path: string, text: string) =>
    (await dbx.filesUpload({ path, contents: bytes(text), mode: { '.tag': 'overwrite' } })).result;
  const read = async (path: string) =>
    Buffer.from(
      ((await dbx.filesDownload({ path })).result as unknown as { fileBinary: Buffer }).fileBinary,
    ).toString();

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
  });
  afterAll(() => lb.stop());

  it('lists revisions newest first, each a full FileMetadata', async () => {
    const v1 = await write('/Essay.txt', 'one');
    const v2 = await write('/Essay.txt', 'two!');
    const v3 = await write('/essay.TXT', 'three');
    const result = await history({ path: '/essay.txt' });
    expect(result.is_deleted).toBe(false);
    expect(result.server_deleted).toBeUndefined();
    expect(result.has_more).toBe(false);
    expect(result.entries).toEqual([v3, v2, v1]);
    expect(result.entries.map((e) => e.size)).toEqual([5, 4, 3]);
  });

  it('pages with limit and before_rev', async () => {
    const revs = (await history({ path: '/Essay.txt' })).entries.map((e) => e.rev);
    const first = await history({ path: '/Essay.txt', limit: 2 });
    expect(first.entries.map((e) => e.rev)).toEqual(revs.slice(0, 2));
    expect(first.has_more).toBe(true);
    const rest = await history({ path: '/Essay.txt', limit: 2, before_rev: first.entries[1]?.rev });
    expect(rest.entries.map((e) => e.rev)).toEqual(revs.slice(2));
    expect(rest.has_more).toBe(false);
  });

  it('refuses a before_rev that is not this file’s, and before_rev in id mode', async () => {
    const stranger = await write('/Stranger.txt', 's');
    expect(
      await routeError(dbx.filesListRevisions({ path: '/Essay.txt', before_rev: stranger.rev })),
    ).toEqual({
      '.tag': 'invalid_before_rev',
    });
    expect(
      await routeError(dbx.filesListRevisions({ path: '/Essay.txt', before_rev: '0123456789abcdef' })),
    ).toEqual({
      '.tag': 'invalid_before_rev',
    });
    const ownRev = (await history({ path: '/Essay.txt' })).entries[0]?.rev;
    const idMode = dbx.filesListRevisions({ path: '/Essay.txt', mode: { '.tag': 'id' }, before_rev: ownRev });
    expect(await routeError(idMode)).toEqual({ '.tag': 'before_rev_not_supported' });
  });

  it('keeps the history of a deleted file and says when it was deleted', async () => {
    const v1 = await write('/Draft.txt', 'draft');
    await dbx.filesDeleteV2({ path: '/Draft.txt' });
    const result = await history({ path: '/Draft.txt' });
    expect(result.is_deleted).toBe(true);
    expect(result.server_deleted).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Math.abs(Date.parse(result.server_deleted as string) - Date.now())).toBeLessThan(5000);
    expect(result.entries).toEqual([v1]);
  });

  it('follows a file across a move in id mode, but not in path mode', async () => {
    const v1 = await write('/Before.txt', 'b1');
    const v2 = await write('/Before.txt', 'b2');
    const moved = (await dbx.filesMoveV2({ from_path: '/Before.txt', to_path: '/After.txt' })).result
      .metadata as files.FileMetadataReference;
    const { '.tag': _, ...movedFile } = moved;
    const byId = await history({ path: '/After.txt', mode: { '.tag': 'id' } });
    expect(byId.is_deleted).toBe(false);
    expect(byId.entries.map((e) => e.rev)).toEqual([moved.rev, v2.rev, v1.rev]);
    expect(byId.entries[0]).toEqual(movedFile);
    expect(byId.entries.every((e) => e.id === v1.id)).toBe(true);
    const byPath = await history({ path: '/After.txt' });
    expect(byPath.entries.map((e) => e.rev)).toEqual([moved.rev]);
    const old = await history({ path: '/Before.txt' });
    expect(old.is_deleted).toBe(true);
    expect(old.entries.map((e) => e.rev)).toEqual([v2.rev, v1.rev]);
  });

  it('answers lookup errors for a missing path and a folder', async () => {
    expect(await routeError(dbx.filesListRevisions({ path: '/Missing.txt' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
    await dbx.filesCreateFolderV2({ path: '/Folder' });
    expect(await routeError(dbx.filesListRevisions({ path: '/Folder' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_file' },
    });
  });

  it('restores an old revision as a new revision with that content', async () => {
    const v1 = await write('/Poem.txt', 'roses');
    const v2 = await write('/Poem.txt', 'violets');
    const res = await dbx.filesRestore({ path: '/Poem.txt', rev: v1.rev });
    expect(res.headers.get('content-type')).toBe('application/json');
    const restored: files.FileMetadata = expectShape(FileMetadata, res.result);
    expect(restored.rev).not.toBe(v1.rev);
    expect(restored.rev).not.toBe(v2.rev);
    expect(restored).toMatchObject({
      id: v1.id,
      size: v1.size,
      content_hash: v1.content_hash,
      path_display: '/Poem.txt',
    });
    expect(await read('/Poem.txt')).toBe('roses');
    expect((await history({ path: '/Poem.txt' })).entries.map((e) => e.rev)).toEqual([
      restored.rev,
      v2.rev,
      v1.rev,
    ]);
  });

  it('brings a deleted file back', async () => {
    const v1 = await write('/Lost.txt', 'found again');
    await dbx.filesDeleteV2({ path: '/Lost.txt' });
    const restored = (await dbx.filesRestore({ path: '/Lost.txt', rev: v1.rev })).result;
    expect(restored.content_hash).toBe(v1.content_hash);
    expect(await read('/Lost.txt')).toBe('found again');
    expect((await history({ path: '/Lost.txt' })).is_deleted).toBe(false);
  });

  it('refuses a revision that does not exist with invalid_revision', async () => {
    await write('/Poem2.txt', 'x');
    expect(await routeError(dbx.filesRestore({ path: '/Poem2.txt', rev: '0123456789abcdef' }))).toEqual({
      '.tag': 'invalid_revision',
    });
  });
});
