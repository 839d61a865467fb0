import type { files } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  badRequest,
  DeletedMetadata,
  expectShape,
  FileMetadata,
  Metadata,
  routeError,
  TaggedDeleted,
  TaggedFile,
  TaggedFolder,
} from '../test-support/shapes.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
type Downloaded = files.FileMetadata & { fileBinary: Buffer };

describe('reading files back', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  let token: string;
  let doc: files.FileMetadata;
  const CONTENT = bytes('The quick brown fox jumps over the lazy dog.\n');

  /** A download as a browser or curl would make it, to see the raw headers. */
  const rawDownload = (arg: unknown, init: { method: string; headers?: Record<string, string> }) =>
    lb.fetch(
      `https://content.dropboxapi.com/2/files/download?arg=${encodeURIComponent(JSON.stringify(arg))}`,
      {
        method: init.method,
        headers: { Authorization: `Bearer ${token}`, ...init.headers },
      },
    );

  beforeAll(async () => {
    lb = await startTestLocalbox();
    token = lb.box.issueTokens().access_token;
    dbx = lb.client({ accessToken: token });
    doc = (await dbx.filesUpload({ path: '/Docs/Fox.txt', contents: CONTENT })).result;
  });
  afterAll(() => lb.stop());

  it('downloads the bytes with their metadata in Dropbox-API-Result', async () => {
    const res = await dbx.filesDownload({ path: '/docs/fox.txt' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const { fileBinary, ...result } = res.result as Downloaded;
    expect(Buffer.from(fileBinary)).toEqual(CONTENT);
    const meta: files.FileMetadata = expectShape(FileMetadata, result);
    expect(meta).toEqual(doc);
    expect(JSON.parse(res.headers.get('dropbox-api-result'))).toEqual(doc);
  });

  it('answers GET as well as POST, with the argument in the URL', async () => {
    const res = await rawDownload({ path: '/Docs/Fox.txt' }, { method: 'GET' });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(CONTENT);
    expect(JSON.parse(res.headers.get('dropbox-api-result') as string)).toEqual(doc);
  });

  it('serves a byte range as 206 with Content-Range', async () => {
    const res = await dbx.filesDownload({ path: '/Docs/Fox.txt' }, { extraHeaders: { Range: 'bytes=4-8' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 4-8/${CONTENT.length}`);
    expect(Buffer.from((res.result as Downloaded).fileBinary).toString()).toBe('quick');
    const tail = await rawDownload(
      { path: '/Docs/Fox.txt' },
      { method: 'GET', headers: { Range: 'bytes=-4' } },
    );
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(
      `bytes ${CONTENT.length - 4}-${CONTENT.length - 1}/${CONTENT.length}`,
    );
    expect(await tail.text()).toBe('dog.\n'.slice(1));
  });

  it('escapes non-ASCII names in Dropbox-API-Result as \\uXXXX, and they round-trip', async () => {
    const name = 'Café ☕ 日本 😀.txt';
    const up = await dbx.filesUpload({ path: `/Docs/${name}`, contents: bytes('unicode') });
    expect(up.result.name).toBe(name);
    const raw = await rawDownload({ path: `/Docs/${name}` }, { method: 'POST' });
    const header = raw.headers.get('dropbox-api-result') as string;
    expect(header).toMatch(/^[\x20-\x7e]*$/);
    expect(header).toContain('Caf\\u00e9 \\u2615 \\u65e5\\u672c \\ud83d\\ude00.txt');
    const res = await dbx.filesDownload({ path: `/docs/${name.toLowerCase()}` });
    expect(res.result.name).toBe(name);
    expect(res.result.path_display).toBe(`/Docs/${name}`);
  });

  it('downloads by id: and by rev:, the latter giving that revision', async () => {
    const v2 = await dbx.filesUpload({
      path: '/Docs/Fox.txt',
      contents: bytes('v2'),
      mode: { '.tag': 'overwrite' },
    });
    try {
      const byId = await dbx.filesDownload({ path: doc.id });
      expect(Buffer.from((byId.result as Downloaded).fileBinary).toString()).toBe('v2');
      expect(byId.result.rev).toBe(v2.result.rev);
      const byRev = await dbx.filesDownload({ path: `rev:${doc.rev}` });
      expect(Buffer.from((byRev.result as Downloaded).fileBinary)).toEqual(CONTENT);
      expect(byRev.result.rev).toBe(doc.rev);
      expect(byRev.result.size).toBe(CONTENT.length);
    } finally {
      doc = (
        await dbx.filesUpload({ path: '/Docs/Fox.txt', contents: CONTENT, mode: { '.tag': 'overwrite' } })
      ).result;
    }
  });

  it('nests lookup errors under path: not_found, not_file, malformed_path', async () => {
    expect(await routeError(dbx.filesDownload({ path: '/Docs/missing.txt' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
    expect(await routeError(dbx.filesDownload({ path: '/Docs' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_file' },
    });
    expect(await routeError(dbx.filesDownload({ path: '/Docs/Fox.txt/' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'malformed_path' },
    });
    expect(await routeError(dbx.filesDownload({ path: 'rev:0123456789abcdef' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
  });
});

describe('reading metadata with files/get_metadata', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  const metadataOf = async (arg: files.GetMetadataArg) => {
    const res = await dbx.filesGetMetadata(arg);
    expect(res.headers.get('content-type')).toBe('application/json');
    const meta: files.FileMetadataReference | files.FolderMetadataReference | files.DeletedMetadataReference =
      expectShape(Metadata, res.result);
    return meta;
  };

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
  });
  afterAll(() => lb.stop());

  it('describes a file by path (any casing), by id: and by rev:', async () => {
    const v1 = (await dbx.filesUpload({ path: '/Reports/Q1.md', contents: bytes('first') })).result;
    const v2 = (
      await dbx.filesUpload({
        path: '/Reports/Q1.md',
        contents: bytes('second!'),
        mode: { '.tag': 'overwrite' },
      })
    ).result;
    const byPath = await metadataOf({ path: '/REPORTS/q1.MD' });
    expect(expectShape(TaggedFile, byPath)).toEqual({ '.tag': 'file', ...v2 });
    expect(await metadataOf({ path: v1.id })).toEqual(byPath);
    const old = expectShape(TaggedFile, await metadataOf({ path: `rev:${v1.rev}` }));
    expect(old).toMatchObject({ rev: v1.rev, size: 5, content_hash: v1.content_hash, id: v1.id });
  });

  it('describes a folder without rev, size or hash', async () => {
    const folder = expectShape(TaggedFolder, await metadataOf({ path: '/reports' }));
    const typed: files.FolderMetadataReference = folder;
    expect(typed).toEqual({
      '.tag': 'folder',
      name: 'Reports',
      path_lower: '/reports',
      path_display: '/Reports',
      id: expect.stringMatching(/^id:./),
    });
  });

  it('reports a deleted file as not_found, or as deleted metadata with include_deleted', async () => {
    await dbx.filesUpload({ path: '/Trash/Old.txt', contents: bytes('bye') });
    await dbx.filesDeleteV2({ path: '/Trash/Old.txt' });
    expect(await routeError(dbx.filesGetMetadata({ path: '/trash/old.txt' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
    const deleted = expectShape(
      TaggedDeleted,
      await metadataOf({ path: '/trash/old.txt', include_deleted: true }),
    );
    const { '.tag': _, ...rest } = deleted;
    const typed: files.DeletedMetadata = expectShape(DeletedMetadata, rest);
    expect(typed).toEqual({ name: 'Old.txt', path_lower: '/trash/old.txt', path_display: '/Trash/Old.txt' });
    expect(await routeError(dbx.filesGetMetadata({ path: '/never/was.txt', include_deleted: true }))).toEqual(
      {
        '.tag': 'path',
        path: { '.tag': 'not_found' },
      },
    );
  });

  it('refuses the root with 400 text, and a trailing slash with malformed_path', async () => {
    expect(await badRequest(dbx.filesGetMetadata({ path: '' }))).toBe(
      'Error in call to API function "files/get_metadata": request body: path: The root folder is unsupported.',
    );
    expect(await routeError(dbx.filesGetMetadata({ path: '/Reports/' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'malformed_path' },
    });
    expect(await routeError(dbx.filesGetMetadata({ path: 'id:doesnotexist' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
  });
});
