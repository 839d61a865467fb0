import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';

let bench: CoreBench;
let desk: string;
/** What the native dialogs in main answer next (Electron's; the test plays the person). */
const dialogAnswers: { open: string | null; save: string | null } = { open: null, save: null };
beforeAll(async () => {
  bench = await startCoreBench({
    core: {
      dialogs: {
        chooseLocalFile: async () => dialogAnswers.open,
        chooseSaveLocation: async () => dialogAnswers.save,
      },
    },
  });
  desk = mkdtempSync(join(tmpdir(), 'opus-desk-'));
});

/** Picks a local file in the native dialog: the page gets an opaque choice, never the path. */
async function chooseToRead(path: string): Promise<string> {
  dialogAnswers.open = path;
  const picked = await bench.opus.call('chooseLocalFile', {});
  expect(picked).not.toHaveProperty('path');
  expect(JSON.stringify(picked)).not.toContain(desk);
  return picked?.choice ?? '';
}

async function chooseToWrite(path: string): Promise<string> {
  dialogAnswers.save = path;
  const picked = await bench.opus.call('chooseSaveLocation', { suggestedName: 'x' });
  expect(JSON.stringify(picked)).not.toContain(desk);
  return picked?.choice ?? '';
}
afterAll(async () => {
  await bench.stop();
  rmSync(desk, { recursive: true, force: true });
});

describe('revision history', () => {
  test('lists revisions newest first, shows any one’s text, and restores one as a new rev', async () => {
    const v1 = await bench.put('/History/essay.txt', 'version one\n');
    const v2 = await bench.put('/History/essay.txt', 'version two\n');
    const v3 = await bench.put('/History/essay.txt', 'version three\n');
    const listed = await bench.opus.call('listRevisions', { path: '/History/essay.txt' });
    expect(listed.isDeleted).toBe(false);
    expect(listed.revisions.map((r) => r.rev)).toEqual([v3.rev, v2.rev, v1.rev]);
    expect(listed.revisions[2]).toEqual({
      rev: v1.rev,
      size: v1.size,
      serverModified: v1.server_modified,
      contentHash: v1.content_hash,
      path: '/History/essay.txt',
    });

    const old = await bench.opus.call('getRevisionText', { path: '/History/essay.txt', rev: v1.rev });
    expect(old).toEqual({ revision: expect.objectContaining({ rev: v1.rev }), text: 'version one\n' });

    const { remote: restored, snapshot } = await bench.opus.call('restoreRevision', {
      path: '/History/essay.txt',
      rev: v1.rev,
    });
    expect(snapshot).toBeUndefined();
    expect(restored.rev).not.toBe(v3.rev);
    expect(restored.rev).not.toBe(v1.rev);
    expect(restored.contentHash).toBe(v1.content_hash);
    expect((await bench.get('/History/essay.txt')).toString()).toBe('version one\n');
    const after = await bench.opus.call('listRevisions', { path: '/History/essay.txt' });
    expect(after.revisions[0]?.rev).toBe(restored.rev);
  });

  test('an open document follows a restore made elsewhere (no documentId) by reloading', async () => {
    await bench.put('/History/open.txt', 'first\n');
    const second = await bench.put('/History/open.txt', 'second\n');
    const first = (await bench.opus.call('listRevisions', { path: '/History/open.txt' })).revisions[1];
    const doc = await bench.opus.open('/History/open.txt');
    expect(doc.remote.rev).toBe(second.rev);
    await bench.routeSeen('files/list_folder/longpoll');
    bench.opus.events.clear();
    await bench.opus.call('restoreRevision', { path: '/History/open.txt', rev: first?.rev as string });
    const reloaded = await bench.opus.events.waitFor(
      'documentReloaded',
      (e) => e.snapshot.documentId === doc.documentId,
    );
    expect(reloaded.snapshot.text).toBe('first\n');
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
  });

  test('a deleted file still has its history', async () => {
    const kept = await bench.put('/History/gone.txt', 'gone but not forgotten\n');
    await bench.other.filesDeleteV2({ path: '/History/gone.txt' });
    const listed = await bench.opus.call('listRevisions', { path: '/History/gone.txt' });
    expect(listed).toEqual({ isDeleted: true, revisions: [expect.objectContaining({ rev: kept.rev })] });
    const { remote: restored } = await bench.opus.call('restoreRevision', {
      path: '/History/gone.txt',
      rev: kept.rev,
    });
    expect(restored.path).toBe('/History/gone.txt');
    expect((await bench.get('/History/gone.txt')).toString()).toBe('gone but not forgotten\n');
  });

  test('a revision that is not text is refused as binary', async () => {
    const png = await bench.put(
      '/History/image.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 0]),
    );
    expect(
      await bench.opus.envelope('getRevisionText', { path: '/History/image.txt', rev: png.rev }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'binary_file' },
    });
  });
});

describe('the Dropbox browser', () => {
  test('lists folders first, then files by name as people sort them, with size and modified time', async () => {
    await bench.put('/Browse/b10.txt', 'ten');
    await bench.put('/Browse/b2.txt', 'two!');
    await bench.put('/Browse/A.txt', 'a');
    const folder = await bench.opus.call('createFolder', { path: '/Browse/Zeta' });
    expect(folder).toEqual({ kind: 'folder', name: 'Zeta', path: '/Browse/Zeta', pathLower: '/browse/zeta' });
    await bench.opus.call('createFolder', { path: '/Browse/alpha' });
    const page = await bench.opus.call('listFolder', { path: '/Browse' });
    expect(page.hasMore).toBe(false);
    expect(page.entries.map((e) => e.name)).toEqual(['alpha', 'Zeta', 'A.txt', 'b2.txt', 'b10.txt']);
    expect(page.entries[3]).toEqual({
      kind: 'file',
      name: 'b2.txt',
      path: '/Browse/b2.txt',
      pathLower: '/browse/b2.txt',
      size: 4,
      serverModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      rev: expect.stringMatching(/^[0-9a-f]{9,}$/),
    });
    // The root lists with "" as Dropbox wants it.
    const root = await bench.opus.call('listFolder', { path: '' });
    expect(root.entries.some((e) => e.path === '/Browse' && e.kind === 'folder')).toBe(true);
  });

  test('the listing’s cursor brings what changed since, instead of listing again', async () => {
    await bench.opus.call('createFolder', { path: '/Refresh' });
    const first = await bench.opus.call('listFolder', { path: '/Refresh' });
    expect(first.entries).toEqual([]);
    await bench.put('/Refresh/new.txt', 'new');
    const changes = await bench.opus.call('listFolder', { path: '/Refresh', cursor: first.cursor });
    expect(changes.entries.map((e) => e.path)).toEqual(['/Refresh/new.txt']);
  });

  test('creating a folder that exists, or listing one that does not, answers with a kind', async () => {
    await bench.opus.call('createFolder', { path: '/Twice' });
    expect(await bench.opus.envelope('createFolder', { path: '/Twice' })).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    });
    expect(await bench.opus.envelope('listFolder', { path: '/Nowhere' })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
  });
});

describe('files from and to this computer', () => {
  const draft = 'Chapter 1\n\nIt was a dark and stormy night; the café was empty.\n';

  test('Upload local file: working-draft.txt becomes /magnum-opus.txt', async () => {
    const local = join(desk, 'working-draft.txt');
    writeFileSync(local, draft);
    dialogAnswers.open = local;
    expect(await bench.opus.call('chooseLocalFile', {})).toEqual({
      choice: expect.any(String),
      name: 'working-draft.txt',
      size: Buffer.byteLength(draft),
    });
    const uploaded = await bench.opus.call('uploadLocalFile', {
      targetPath: '/magnum-opus.txt',
      source: { kind: 'choice', choice: await chooseToRead(local) },
    });
    expect(uploaded).toMatchObject({
      name: 'magnum-opus.txt',
      path: '/magnum-opus.txt',
      size: Buffer.byteLength(draft),
    });
    expect((await bench.get('/magnum-opus.txt')).toString()).toBe(draft);
    // It opens as a document with that very rev.
    const doc = await bench.opus.open('/magnum-opus.txt');
    expect(doc).toMatchObject({ text: draft, remote: { rev: uploaded.rev } });
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
    // Uploading again to a path that is taken is refused, never a silent replace.
    expect(
      await bench.opus.envelope('uploadLocalFile', {
        targetPath: '/magnum-opus.txt',
        source: { kind: 'choice', choice: await chooseToRead(local) },
      }),
    ).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    // A file that vanished between the dialog and the upload.
    const doomed = join(desk, 'doomed.txt');
    writeFileSync(doomed, 'soon gone');
    const choice = await chooseToRead(doomed);
    rmSync(doomed);
    expect(
      await bench.opus.envelope('uploadLocalFile', {
        targetPath: '/x.txt',
        source: { kind: 'choice', choice },
      }),
    ).toMatchObject({ ok: false, error: { kind: 'local_io' } });
  });

  test('the page cannot name a local file: only a choice made in main’s dialog, once', async () => {
    const secret = join(desk, 'secret.txt');
    writeFileSync(secret, 'not for the page');
    // The old way, a path from the page, is not in the contract at all.
    expect(
      await bench.opus.envelope('uploadLocalFile', {
        targetPath: '/stolen.txt',
        source: { kind: 'path', path: secret },
      } as never),
    ).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(
      await bench.opus.envelope('downloadToComputer', {
        path: '/magnum-opus.txt',
        localPath: secret,
      } as never),
    ).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    // A made-up choice, a used one, and a read choice used for writing are all refused.
    const made = { kind: 'choice' as const, choice: 'guessed-choice' };
    expect(
      await bench.opus.envelope('uploadLocalFile', { targetPath: '/a.txt', source: made }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalid_request' },
    });
    const once = await chooseToRead(secret);
    await bench.opus.call('uploadLocalFile', {
      targetPath: '/Once/a.txt',
      source: { kind: 'choice', choice: once },
    });
    expect(
      await bench.opus.envelope('uploadLocalFile', {
        targetPath: '/Once/b.txt',
        source: { kind: 'choice', choice: once },
      }),
    ).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    const forReading = await chooseToRead(secret);
    expect(
      await bench.opus.envelope('downloadToComputer', { path: '/Once/a.txt', choice: forReading }),
    ).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(readFileSync(secret, 'utf8')).toBe('not for the page');
  });

  test('Upload local file from bytes the page read (the browser host)', async () => {
    const bytes = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3]);
    const uploaded = await bench.opus.call('uploadLocalFile', {
      targetPath: '/Uploads/blob.bin',
      source: { kind: 'bytes', name: 'blob.bin', base64: bytes.toString('base64') },
    });
    expect(uploaded.size).toBe(8);
    expect((await bench.get('/Uploads/blob.bin')).equals(bytes)).toBe(true);
  });

  test('Download to computer writes the exact bytes to a file, or hands them to the page', async () => {
    const bytes = Buffer.concat([Buffer.from('\ufeffhello\r\n', 'utf8'), Buffer.from([0, 255, 128])]);
    await bench.put('/Downloads/exact.dat', bytes);
    const target = join(desk, 'exact.dat');
    expect(
      await bench.opus.call('downloadToComputer', {
        path: '/Downloads/exact.dat',
        choice: await chooseToWrite(target),
      }),
    ).toEqual({
      name: 'exact.dat',
      size: bytes.length,
    });
    expect(readFileSync(target).equals(bytes)).toBe(true);

    const inPage = await bench.opus.call('downloadToComputer', { path: '/Downloads/exact.dat' });
    expect(inPage).toEqual({ name: 'exact.dat', size: bytes.length, base64: bytes.toString('base64') });

    expect(
      await bench.opus.envelope('downloadToComputer', {
        path: '/Downloads/exact.dat',
        choice: await chooseToWrite(join(desk, 'no-such-dir', 'x.dat')),
      }),
    ).toMatchObject({ ok: false, error: { kind: 'local_io' } });
    expect(await bench.opus.envelope('downloadToComputer', { path: '/Downloads/missing.dat' })).toMatchObject(
      {
        ok: false,
        error: { kind: 'not_found' },
      },
    );
  });
});
