import type { files } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  badRequest,
  dropboxContentHash,
  expectShape,
  FileMetadata,
  routeError,
} from '../test-support/shapes.ts';

const HELLO_HASH = 'ecb65bb98f9d905b70458986c39fcbad7715e5f2fcc3b1f07767d7c83e2438cc';
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const update = (rev: string): files.WriteMode => ({ '.tag': 'update', update: rev });
const conflictOn = (on: 'file' | 'folder' | 'file_ancestor') => ({
  '.tag': 'path',
  reason: { '.tag': 'conflict', conflict: { '.tag': on } },
  upload_session_id: expect.any(String),
});

describe('saving files with files/upload', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  const save = async (arg: files.UploadArg): Promise<files.FileMetadata> => {
    const res = await dbx.filesUpload(arg);
    expect(res.headers.get('content-type')).toBe('application/json');
    return expectShape(FileMetadata, res.result);
  };

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
  });
  afterAll(() => lb.stop());

  it('writes a new file and describes it as FileMetadata with Dropbox content_hash', async () => {
    const meta = await save({
      path: '/Notes/Hello.txt',
      contents: bytes('hello\n'),
      client_modified: '2020-01-02T03:04:05Z',
    });
    expect(meta).toMatchObject({
      name: 'Hello.txt',
      path_lower: '/notes/hello.txt',
      path_display: '/Notes/Hello.txt',
      size: 6,
      is_downloadable: true,
      client_modified: '2020-01-02T03:04:05Z',
      content_hash: HELLO_HASH,
    });
    const now = Date.now();
    expect(Math.abs(Date.parse(meta.server_modified) - now)).toBeLessThan(5000);
    expect((await save({ path: '/empty.txt', contents: Buffer.alloc(0) })).content_hash).toBe(EMPTY_HASH);
  });

  it('gives every stored file the content_hash of its bytes', async () => {
    for (const text of ['a', 'Zürich\n', 'x'.repeat(70_000)]) {
      const meta = await save({ path: `/hashes/${text.length}.txt`, contents: bytes(text) });
      expect(meta.content_hash).toBe(dropboxContentHash(bytes(text)));
    }
  });

  it('refuses to add over a different file, and keeps the refused bytes as an upload session', async () => {
    await save({ path: '/add/doc.txt', contents: bytes('one') });
    const error = await routeError(dbx.filesUpload({ path: '/add/doc.txt', contents: bytes('two') }));
    expect(error).toEqual(conflictOn('file'));
    const { upload_session_id } = error as unknown as { upload_session_id: string };
    expect(upload_session_id.length).toBeGreaterThan(0);
  });

  it('treats identical content as a no-op with the same rev, unless strict_conflict', async () => {
    const first = await save({ path: '/same/doc.txt', contents: bytes('same') });
    for (const mode of [{ '.tag': 'add' }, { '.tag': 'overwrite' }] as files.WriteMode[]) {
      const again = await save({ path: '/same/doc.txt', contents: bytes('same'), mode });
      expect(again).toEqual(first);
    }
    const strict = dbx.filesUpload({ path: '/same/doc.txt', contents: bytes('same'), strict_conflict: true });
    expect(await routeError(strict)).toEqual(conflictOn('file'));
  });

  it('overwrites in place: same id, new rev, new content', async () => {
    const first = await save({ path: '/over/doc.txt', contents: bytes('first') });
    const second = await save({
      path: '/over/doc.txt',
      contents: bytes('second'),
      mode: { '.tag': 'overwrite' },
    });
    expect(second.id).toBe(first.id);
    expect(second.rev).not.toBe(first.rev);
    expect(second.size).toBe(6);
    expect(second.content_hash).toBe(dropboxContentHash(bytes('second')));
  });

  it('updates only from the current rev', async () => {
    const v1 = await save({ path: '/upd/doc.txt', contents: bytes('v1') });
    const v2 = await save({ path: '/upd/doc.txt', contents: bytes('v2'), mode: update(v1.rev) });
    expect(v2.rev).not.toBe(v1.rev);
    expect(v2.id).toBe(v1.id);
    const stale = dbx.filesUpload({ path: '/upd/doc.txt', contents: bytes('v3'), mode: update(v1.rev) });
    expect(await routeError(stale)).toEqual(conflictOn('file'));
    const strictStale = dbx.filesUpload({
      path: '/upd/doc.txt',
      contents: bytes('v3'),
      mode: update(v1.rev),
      strict_conflict: true,
    });
    expect(await routeError(strictStale)).toEqual(conflictOn('file'));
  });

  it('lets a stale update with identical content succeed with the current rev, not the one sent', async () => {
    const v1 = await save({ path: '/upd-same/doc.txt', contents: bytes('v1') });
    const v2 = await save({ path: '/upd-same/doc.txt', contents: bytes('v2'), mode: update(v1.rev) });
    const noop = await save({ path: '/upd-same/doc.txt', contents: bytes('v2'), mode: update(v1.rev) });
    expect(noop.rev).toBe(v2.rev);
    const strict = dbx.filesUpload({
      path: '/upd-same/doc.txt',
      contents: bytes('v2'),
      mode: update(v1.rev),
      strict_conflict: true,
    });
    expect(await routeError(strict)).toEqual(conflictOn('file'));
  });

  it('recreates a deleted file on update, unless strict_conflict', async () => {
    const v1 = await save({ path: '/gone/doc.txt', contents: bytes('v1') });
    await dbx.filesDeleteV2({ path: '/gone/doc.txt' });
    const strict = dbx.filesUpload({
      path: '/gone/doc.txt',
      contents: bytes('v2'),
      mode: update(v1.rev),
      strict_conflict: true,
    });
    expect(await routeError(strict)).toEqual(conflictOn('file'));
    await expect(dbx.filesGetMetadata({ path: '/gone/doc.txt' })).rejects.toMatchObject({ status: 409 });
    const back = await save({ path: '/gone/doc.txt', contents: bytes('v2'), mode: update(v1.rev) });
    expect(back.rev).not.toBe(v1.rev);
    expect(back.size).toBe(2);
  });

  it('autorenames: "doc (2).txt" for add, "doc (conflicted copy).txt" for update', async () => {
    const v1 = await save({ path: '/auto/doc.txt', contents: bytes('v1') });
    await save({ path: '/auto/doc.txt', contents: bytes('v2'), mode: update(v1.rev) });
    const second = await save({ path: '/auto/doc.txt', contents: bytes('other'), autorename: true });
    expect(second.path_display).toBe('/auto/doc (2).txt');
    const third = await save({ path: '/auto/doc.txt', contents: bytes('another'), autorename: true });
    expect(third.path_display).toBe('/auto/doc (3).txt');
    const copy = await save({
      path: '/auto/doc.txt',
      contents: bytes('mine'),
      mode: update(v1.rev),
      strict_conflict: true,
      autorename: true,
    });
    expect(copy.path_display).toBe('/auto/doc (conflicted copy).txt');
    expect(copy.name).toBe('doc (conflicted copy).txt');
    const listed = await dbx.filesListFolder({ path: '/auto' });
    expect(listed.result.entries.map((e) => e.name).sort()).toEqual([
      'doc (2).txt',
      'doc (3).txt',
      'doc (conflicted copy).txt',
      'doc.txt',
    ]);
  });

  it('treats paths case-insensitively and keeps the casing first seen', async () => {
    const first = await save({ path: '/Case/Plan.TXT', contents: bytes('a') });
    const second = await save({
      path: '/case/plan.txt',
      contents: bytes('b'),
      mode: { '.tag': 'overwrite' },
    });
    expect(second.id).toBe(first.id);
    expect(second.path_display).toBe('/Case/Plan.TXT');
    expect(second.path_lower).toBe('/case/plan.txt');
    const sibling = await save({ path: '/CASE/Other.txt', contents: bytes('c') });
    expect(sibling.path_display).toBe('/Case/Other.txt');
    const conflict = dbx.filesUpload({ path: '/CASE/PLAN.txt', contents: bytes('d') });
    expect(await routeError(conflict)).toEqual(conflictOn('file'));
  });

  it('lets exactly one of several simultaneous saves from the same rev win', async () => {
    const base = await save({ path: '/race/doc.txt', contents: bytes('base') });
    const saves = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) =>
        dbx.filesUpload({
          path: '/race/doc.txt',
          contents: bytes(`edit ${n}`),
          mode: update(base.rev),
          strict_conflict: true,
        }),
      ),
    );
    const won = saves.filter((s) => s.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of saves.filter((s) => s.status === 'rejected'))
      expect((lost as PromiseRejectedResult).reason).toMatchObject({
        status: 409,
        error: { error: conflictOn('file') },
      });
    const current = await dbx.filesGetMetadata({ path: '/race/doc.txt' });
    expect(current.result).toMatchObject({
      rev: (won[0] as PromiseFulfilledResult<{ result: files.FileMetadata }>).value.result.rev,
    });
  });

  it('hands out a new, never-seen rev for every write', async () => {
    const revs = new Set<string>();
    for (let i = 0; i < 5; i++) {
      revs.add(
        (await save({ path: '/revs/a.txt', contents: bytes(`a${i}`), mode: { '.tag': 'overwrite' } })).rev,
      );
      revs.add((await save({ path: `/revs/b${i}.txt`, contents: bytes('b') })).rev);
    }
    expect(revs.size).toBe(10);
  });

  it('answers path errors with reason inlined beside the upload_session_id', async () => {
    await save({ path: '/errs/file.txt', contents: bytes('f') });
    await dbx.filesCreateFolderV2({ path: '/errs/folder' });
    expect(await routeError(dbx.filesUpload({ path: '/errs/folder', contents: bytes('x') }))).toEqual(
      conflictOn('folder'),
    );
    expect(
      await routeError(dbx.filesUpload({ path: '/errs/file.txt/inner.txt', contents: bytes('x') })),
    ).toEqual(conflictOn('file_ancestor'));
    expect(await routeError(dbx.filesUpload({ path: '/errs/trailing/', contents: bytes('x') }))).toEqual({
      '.tag': 'path',
      reason: { '.tag': 'malformed_path' },
      upload_session_id: expect.any(String),
    });
    expect(await routeError(dbx.filesUpload({ path: '/errs/desktop.ini', contents: bytes('x') }))).toEqual({
      '.tag': 'path',
      reason: { '.tag': 'disallowed_name' },
      upload_session_id: expect.any(String),
    });
  });

  it('refuses bytes that do not match the content_hash sent with them', async () => {
    const wrong = dbx.filesUpload({
      path: '/hash/a.txt',
      contents: bytes('hello\n'),
      content_hash: EMPTY_HASH,
    });
    expect(await routeError(wrong)).toEqual({ '.tag': 'content_hash_mismatch' });
    await expect(dbx.filesGetMetadata({ path: '/hash/a.txt' })).rejects.toMatchObject({ status: 409 });
    const right = await save({ path: '/hash/a.txt', contents: bytes('hello\n'), content_hash: HELLO_HASH });
    expect(right.content_hash).toBe(HELLO_HASH);
  });

  it('rejects arguments the spec does not allow with 400 text', async () => {
    const shorthand = {
      path: '/bad.txt',
      contents: bytes('x'),
      mode: 'update',
    } as unknown as files.UploadArg;
    expect(await badRequest(dbx.filesUpload(shorthand))).toContain('files/upload');
    expect(await badRequest(dbx.filesUpload({ path: 'relative.txt', contents: bytes('x') }))).toContain(
      'path',
    );
  });
});

describe('a nearly full account', () => {
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox({ quotaBytes: 100 });
  });
  afterAll(() => lb.stop());

  it('refuses writes past the quota with insufficient_space, counting what a write replaces', async () => {
    const dbx = lb.client();
    await dbx.filesUpload({ path: '/a.bin', contents: Buffer.alloc(60, 1) });
    const over = dbx.filesUpload({ path: '/b.bin', contents: Buffer.alloc(60, 2) });
    expect(await routeError(over)).toEqual({
      '.tag': 'path',
      reason: { '.tag': 'insufficient_space' },
      upload_session_id: expect.any(String),
    });
    const replaced = await dbx.filesUpload({
      path: '/a.bin',
      contents: Buffer.alloc(95, 3),
      mode: { '.tag': 'overwrite' },
    });
    expect(replaced.result.size).toBe(95);
    expect((await dbx.usersGetSpaceUsage()).result.used).toBe(95);
    // upload_session/finish nests the same WriteError under path. (The bytes come with finish: open
    // sessions hold space too, so a start with them would already be refused.)
    const { session_id } = (await dbx.filesUploadSessionStart({ contents: Buffer.alloc(0) })).result;
    const finish = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 0 },
      commit: { path: '/c.bin' },
      contents: Buffer.alloc(10),
    });
    expect(await routeError(finish)).toEqual({ '.tag': 'path', path: { '.tag': 'insufficient_space' } });
  });
});

describe('a localbox with a small request size limit', () => {
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox({ maxUploadBytes: 1024 });
  });
  afterAll(() => lb.stop());

  it('refuses a larger upload with payload_too_large, and accepts one at the limit', async () => {
    const dbx = lb.client();
    const big = dbx.filesUpload({ path: '/big.bin', contents: Buffer.alloc(1025, 7) });
    expect(await routeError(big)).toEqual({ '.tag': 'payload_too_large' });
    const fits = await dbx.filesUpload({ path: '/fits.bin', contents: Buffer.alloc(1024, 7) });
    expect(fits.result.size).toBe(1024);
  });

  it('applies the limit per request, so a session can still build a larger file', async () => {
    const dbx = lb.client();
    const chunk = Buffer.alloc(1000, 5);
    expect(await routeError(dbx.filesUploadSessionStart({ contents: Buffer.alloc(2000) }))).toEqual({
      '.tag': 'payload_too_large',
    });
    const { session_id } = (await dbx.filesUploadSessionStart({ contents: chunk })).result;
    const tooBig = dbx.filesUploadSessionAppendV2({
      cursor: { session_id, offset: 1000 },
      contents: Buffer.alloc(2000),
    });
    expect(await routeError(tooBig)).toEqual({ '.tag': 'payload_too_large' });
    await dbx.filesUploadSessionAppendV2({ cursor: { session_id, offset: 1000 }, contents: chunk });
    const tooBigFinish = dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 2000 },
      commit: { path: '/session.bin' },
      contents: Buffer.alloc(2000),
    });
    expect(await routeError(tooBigFinish)).toEqual({ '.tag': 'payload_too_large' });
    const done = await dbx.filesUploadSessionFinish({
      cursor: { session_id, offset: 2000 },
      commit: { path: '/session.bin' },
      contents: chunk,
    });
    expect(done.result.size).toBe(3000);
    expect(done.result.content_hash).toBe(dropboxContentHash(Buffer.alloc(3000, 5)));
  });
});
