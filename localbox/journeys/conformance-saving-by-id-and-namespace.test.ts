import type { files } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { routeError } from '../test-support/shapes.ts';

// files/upload's path is a WritePathOrId: a file may be saved by its id or under a namespace, as well as
// by its path; and the write-mode rules hold for every form, autorenamed copies included.

const bytes = (text: string) => Buffer.from(text, 'utf8');
const update = (rev: string): files.WriteMode => ({ '.tag': 'update', update: rev });
const pathError = (reason: string) => ({
  '.tag': 'path',
  reason: { '.tag': reason },
  upload_session_id: expect.any(String),
});

describe('saving a file named by its id, by a namespace, or under a strict write mode', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  const save = async (arg: files.UploadArg) => (await dbx.filesUpload(arg)).result;
  const textAt = async (path: string) =>
    ((await dbx.filesDownload({ path })).result as unknown as { fileBinary: Buffer }).fileBinary.toString();
  const names = async (path: string) =>
    (await dbx.filesListFolder({ path })).result.entries.map((e) => e.name).sort();

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
  });
  afterAll(() => lb.stop());

  it('saves over the file an id names, wherever it is, and checks the rev the same way', async () => {
    const v1 = await save({ path: '/byid/Plan.txt', contents: bytes('v1') });
    const v2 = await save({ path: v1.id, contents: bytes('v2'), mode: update(v1.rev) });
    expect(v2).toMatchObject({ id: v1.id, path_display: '/byid/Plan.txt', size: 2 });
    expect(await textAt('/byid/Plan.txt')).toBe('v2');
    const stale = dbx.filesUpload({ path: v1.id, contents: bytes('v3'), mode: update(v1.rev) });
    expect(await routeError(stale)).toMatchObject({
      reason: { '.tag': 'conflict', conflict: { '.tag': 'file' } },
    });
    expect(await names('/byid')).toEqual(['Plan.txt']);
    expect((await dbx.filesListFolder({ path: '' })).result.entries.map((e) => e.name)).not.toContain(v1.id);
  });

  it('refuses an id that names nothing with malformed_path, and writes nothing', async () => {
    const unknown = dbx.filesUpload({ path: 'id:nothing-has-this-id', contents: bytes('lost?') });
    expect(await routeError(unknown)).toEqual(pathError('malformed_path'));
    expect((await dbx.filesListFolder({ path: '', recursive: true })).result.entries).not.toContainEqual(
      expect.objectContaining({ name: 'id:nothing-has-this-id' }),
    );
  });

  it('saves under the account’s own namespace, and refuses any other or the namespace itself', async () => {
    const { root_info } = (await dbx.usersGetCurrentAccount()).result;
    const ns = root_info.root_namespace_id;
    const meta = await save({ path: `ns:${ns}/spaced/Doc.txt`, contents: bytes('in my namespace') });
    expect(meta.path_display).toBe('/spaced/Doc.txt');
    expect(await textAt('/spaced/Doc.txt')).toBe('in my namespace');
    const other = dbx.filesUpload({ path: `ns:${ns}9/spaced/Doc.txt`, contents: bytes('elsewhere') });
    expect(await routeError(other)).toEqual(pathError('malformed_path'));
    const bare = dbx.filesUpload({ path: `ns:${ns}`, contents: bytes('the root itself') });
    expect(await routeError(bare)).toEqual(pathError('malformed_path'));
    expect(await textAt('/spaced/Doc.txt')).toBe('in my namespace');
  });

  it('writes a new file under strict_conflict in add and overwrite mode: only update is stricter', async () => {
    const added = await save({ path: '/strict/new.txt', contents: bytes('a'), strict_conflict: true });
    expect(added.path_display).toBe('/strict/new.txt');
    await dbx.filesDeleteV2({ path: '/strict/new.txt' });
    const back = await save({
      path: '/strict/new.txt',
      contents: bytes('b'),
      mode: { '.tag': 'overwrite' },
      strict_conflict: true,
    });
    expect(back.path_display).toBe('/strict/new.txt');
    expect(await textAt('/strict/new.txt')).toBe('b');
  });

  it('gives a second conflicted copy a name of its own, so the first copy is kept', async () => {
    const v1 = await save({ path: '/copies/doc.txt', contents: bytes('v1') });
    await save({ path: '/copies/doc.txt', contents: bytes('v2'), mode: update(v1.rev) });
    const stale = (text: string) =>
      save({ path: '/copies/doc.txt', contents: bytes(text), mode: update(v1.rev), autorename: true });
    expect((await stale('first')).name).toBe('doc (conflicted copy).txt');
    expect((await stale('second')).name).toBe('doc (conflicted copy 2).txt');
    expect((await stale('third')).name).toBe('doc (conflicted copy 3).txt');
    expect(await textAt('/copies/doc (conflicted copy).txt')).toBe('first');
    expect(await textAt('/copies/doc (conflicted copy 2).txt')).toBe('second');
  });
});

describe('an account filled to the byte', () => {
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox({ quotaBytes: 100 });
  });
  afterAll(() => lb.stop());

  it('accepts the write that fills the quota exactly, and refuses one byte more', async () => {
    const dbx = lb.client();
    await dbx.filesUpload({ path: '/a.bin', contents: Buffer.alloc(60, 1) });
    const full = await dbx.filesUpload({ path: '/b.bin', contents: Buffer.alloc(40, 2) });
    expect(full.result.size).toBe(40);
    expect((await dbx.usersGetSpaceUsage()).result.used).toBe(100);
    const over = dbx.filesUpload({ path: '/c.bin', contents: Buffer.alloc(1, 3) });
    expect(await routeError(over)).toEqual(pathError('insufficient_space'));
  });
});
