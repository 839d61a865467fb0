import type { files } from 'dropbox';
import { bytesUpload, uploadFile } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  dropboxContentHash,
  expectShape,
  FileMetadata,
  routeError,
  UploadSessionStartResult,
} from '../test-support/shapes.ts';

const MiB4 = 4 * 1024 * 1024;
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const bytes = (text: string) => Buffer.from(text, 'utf8');
const lookupFailed = (inner: Record<string, unknown>) => ({ '.tag': 'lookup_failed', lookup_failed: inner });

describe('uploading in pieces with upload sessions', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  const start = async (arg: files.UploadSessionStartArg) => {
    const res = await dbx.filesUploadSessionStart(arg);
    expect(res.headers.get('content-type')).toBe('application/json');
    return expectShape(UploadSessionStartResult, res.result).session_id;
  };
  const download = async (path: string) => {
    const res = await dbx.filesDownload({ path });
    return (res.result as unknown as { fileBinary: Buffer }).fileBinary;
  };

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
  });
  afterAll(() => lb.stop());

  it('joins start, append_v2 and finish into one file', async () => {
    const session_id = await start({ contents: bytes('Once upon ') });
    const appended = await dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 10 },
      contents: bytes('a time, '),
    });
    expect(appended.result).toBeNull();
    expect(appended.headers.get('content-type')).toBe('application/json');
    const res = await dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 18 },
      commit: { path: '/Story.txt', client_modified: '2021-06-07T08:09:10Z' },
      contents: bytes('the end.'),
    });
    const meta: files.FileMetadata = expectShape(FileMetadata, res.result);
    const whole = bytes('Once upon a time, the end.');
    expect(meta).toMatchObject({
      name: 'Story.txt',
      path_display: '/Story.txt',
      size: whole.length,
      client_modified: '2021-06-07T08:09:10Z',
      content_hash: dropboxContentHash(whole),
    });
    expect(await download('/story.txt')).toEqual(whole);
  });

  it('hashes a 4 MiB + 1 byte file in two blocks, as Dropbox does', async () => {
    const session_id = await start({ contents: Buffer.alloc(MiB4, 'a') });
    const res = await dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: MiB4 },
      commit: { path: '/big/a.bin' },
      contents: bytes('a'),
    });
    expect(res.result.size).toBe(MiB4 + 1);
    expect(res.result.content_hash).toBe('5f858b62ccd88447586305aec6fd53c96747cfebf527cbba129a6dfed47d9624');
  });

  it('keeps sessions running side by side apart', async () => {
    const ids = await Promise.all([0, 1, 2].map((n) => start({ contents: bytes(`file ${n}: `) })));
    await Promise.all(
      ids.map((session_id, n) =>
        dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 8 }, contents: bytes(`part ${n}`) }),
      ),
    );
    const done = await Promise.all(
      ids.map((session_id, n) =>
        dbx.filesUploadSessionFinish({
          cursor: { session_id, offset: 14 },
          commit: { path: `/side/${n}.txt` },
          contents: Buffer.alloc(0),
        }),
      ),
    );
    for (const [n, res] of done.entries()) {
      expect(await download(res.result.path_lower as string)).toEqual(bytes(`file ${n}: part ${n}`));
    }
  });

  it('accepts a concurrent session whose 4 MiB chunks arrive out of order', async () => {
    const blocks = [Buffer.alloc(MiB4, 'x'), Buffer.alloc(MiB4, 'y'), bytes('tail')];
    const session_id = await start({ contents: Buffer.alloc(0), session_type: { '.tag': 'concurrent' } });
    await Promise.all([
      dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: MiB4 }, contents: blocks[1] }),
      dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 0 }, contents: blocks[0] }),
    ]);
    const notClosed = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 2 * MiB4 },
      commit: { path: '/concurrent.bin' },
      contents: Buffer.alloc(0),
    });
    expect(await routeError(notClosed)).toEqual({ '.tag': 'concurrent_session_not_closed' });
    await dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 2 * MiB4 },
      contents: blocks[2],
      close: true,
    });
    const withData = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 2 * MiB4 + 4 },
      commit: { path: '/concurrent.bin' },
      contents: bytes('more'),
    });
    expect(await routeError(withData)).toEqual({ '.tag': 'concurrent_session_data_not_allowed' });
    const res = await dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 2 * MiB4 + 4 },
      commit: { path: '/concurrent.bin' },
      contents: Buffer.alloc(0),
    });
    const whole = Buffer.concat(blocks);
    expect(res.result.size).toBe(whole.length);
    expect(res.result.content_hash).toBe(dropboxContentHash(whole));
    expect((await download('/concurrent.bin')).equals(whole)).toBe(true);
  });

  it('holds concurrent sessions to their rules', async () => {
    const concurrent = { '.tag': 'concurrent' } as const;
    expect(
      await routeError(dbx.filesUploadSessionStart({ contents: bytes('x'), session_type: concurrent })),
    ).toEqual({
      '.tag': 'concurrent_session_data_not_allowed',
    });
    const closeOnStart = dbx.filesUploadSessionStart({
      contents: Buffer.alloc(0),
      session_type: concurrent,
      close: true,
    });
    expect(await routeError(closeOnStart)).toEqual({ '.tag': 'concurrent_session_close_not_allowed' });
    const session_id = await start({ contents: Buffer.alloc(0), session_type: concurrent });
    const oddOffset = dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 5 },
      contents: bytes('x'),
    });
    expect(await routeError(oddOffset)).toEqual({ '.tag': 'concurrent_session_invalid_offset' });
    const oddSize = dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 0 },
      contents: bytes('x'),
    });
    expect(await routeError(oddSize)).toEqual({ '.tag': 'concurrent_session_invalid_data_size' });
    await dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: MiB4 },
      contents: bytes('end'),
      close: true,
    });
    const gap = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: MiB4 + 3 },
      commit: { path: '/gap.bin' },
      contents: Buffer.alloc(0),
    });
    expect(await routeError(gap)).toEqual({ '.tag': 'concurrent_session_missing_data' });
  });

  it("works with the SDK's own parallel uploader", async () => {
    const data = Buffer.alloc(2 * MiB4 + 1000);
    for (let i = 0; i < data.length; i += 997) data[i] = i % 251;
    const { metadata } = await uploadFile(
      dbx,
      bytesUpload(data),
      { path: '/sdk/parallel.bin' },
      {
        chunkSize: MiB4,
        parallelUploads: 3,
      },
    );
    expect(metadata.size).toBe(data.length);
    expect(metadata.content_hash).toBe(dropboxContentHash(data));
  });

  it('tells append where the session really is: incorrect_offset with correct_offset inlined', async () => {
    const session_id = await start({ contents: bytes('12345') });
    const behind = dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 3 },
      contents: bytes('678'),
    });
    expect(await routeError(behind)).toEqual({ '.tag': 'incorrect_offset', correct_offset: 5 });
    const ahead = dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 9 },
      contents: bytes('678'),
    });
    expect(await routeError(ahead)).toEqual({ '.tag': 'incorrect_offset', correct_offset: 5 });
    // Resuming from correct_offset works, and the refused chunks left nothing behind.
    await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 5 }, contents: bytes('678') });
    const wrongFinish = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 5 },
      commit: { path: '/offsets.txt' },
      contents: Buffer.alloc(0),
    });
    expect(await routeError(wrongFinish)).toEqual(
      lookupFailed({ '.tag': 'incorrect_offset', correct_offset: 8 }),
    );
    const done = await dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 8 },
      commit: { path: '/offsets.txt' },
      contents: Buffer.alloc(0),
    });
    expect(await download(done.result.id)).toEqual(bytes('12345678'));
  });

  it('answers not_found for a session it never started', async () => {
    const session_id = 'pid_upload_session:nobody-started-this';
    const append = dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 0 },
      contents: bytes('x'),
    });
    expect(await routeError(append)).toEqual({ '.tag': 'not_found' });
    const finish = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 0 },
      commit: { path: '/never.txt' },
      contents: Buffer.alloc(0),
    });
    expect(await routeError(finish)).toEqual(lookupFailed({ '.tag': 'not_found' }));
  });

  it('refuses more data for a closed session but still finishes it', async () => {
    const session_id = await start({ contents: bytes('sealed'), close: true });
    const append = dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 6 },
      contents: bytes('!'),
    });
    expect(await routeError(append)).toEqual({ '.tag': 'closed' });
    const finishWithData = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 6 },
      commit: { path: '/sealed.txt' },
      contents: bytes('!'),
    });
    expect(await routeError(finishWithData)).toEqual(lookupFailed({ '.tag': 'closed' }));
    const done = await dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 6 },
      commit: { path: '/sealed.txt' },
      contents: Buffer.alloc(0),
    });
    expect(done.result.size).toBe(6);
  });

  it('checks content_hash on start, append and finish against the bytes of that call', async () => {
    const mismatch = { '.tag': 'content_hash_mismatch' };
    expect(
      await routeError(dbx.filesUploadSessionStart({ contents: bytes('a'), content_hash: EMPTY_HASH })),
    ).toEqual(mismatch);
    const session_id = await start({ contents: bytes('a'), content_hash: dropboxContentHash(bytes('a')) });
    const append = dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 1 },
      contents: bytes('b'),
      content_hash: EMPTY_HASH,
    });
    expect(await routeError(append)).toEqual(mismatch);
    await dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 1 },
      contents: bytes('b'),
      content_hash: dropboxContentHash(bytes('b')),
    });
    const finish = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 2 },
      commit: { path: '/hashed.txt' },
      contents: bytes('c'),
      content_hash: EMPTY_HASH,
    });
    expect(await routeError(finish)).toEqual(mismatch);
    const done = await dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 2 },
      commit: { path: '/hashed.txt' },
      contents: bytes('c'),
      content_hash: dropboxContentHash(bytes('c')),
    });
    expect(done.result.content_hash).toBe(dropboxContentHash(bytes('abc')));
  });

  it('nests a WriteError under path on finish, and the session can then be committed elsewhere', async () => {
    await dbx.filesUpload({ path: '/taken.txt', contents: bytes('mine') });
    const session_id = await start({ contents: bytes('yours') });
    const conflict = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 5 },
      commit: { path: '/taken.txt' },
      contents: bytes('!'),
    });
    expect(await routeError(conflict)).toEqual({
      '.tag': 'path',
      path: { '.tag': 'conflict', conflict: { '.tag': 'file' } },
    });
    const stale = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 6 },
      commit: { path: '/taken.txt', mode: { '.tag': 'update', update: '0123456789abcdef' } },
      contents: Buffer.alloc(0),
    });
    expect(await routeError(stale)).toEqual({
      '.tag': 'path',
      path: { '.tag': 'conflict', conflict: { '.tag': 'file' } },
    });
    const trailing = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 6 },
      commit: { path: '/elsewhere/' },
      contents: Buffer.alloc(0),
    });
    expect(await routeError(trailing)).toEqual({ '.tag': 'path', path: { '.tag': 'malformed_path' } });
    const moved = await dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 6 },
      commit: { path: '/elsewhere.txt' },
      contents: Buffer.alloc(0),
    });
    expect(await download(moved.result.path_lower as string)).toEqual(bytes('yours!'));
    expect(await download('/taken.txt')).toEqual(bytes('mine'));
  });
});
