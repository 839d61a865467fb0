import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { saveText, typeText } from '../test-support/document-edits.ts';
import { eventually } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

describe('restoring a revision of the open document', () => {
  test('the editor stands on the restored revision: no banner, no reload, and the next save is one upload', async () => {
    const v1 = await bench.put('/Restore/story.txt', 'once upon a time\n');
    await bench.put('/Restore/story.txt', 'once upon a time, rewritten\n');
    const doc = await bench.opus.open('/Restore/story.txt');
    await typeText(bench.opus, doc.documentId, 'typed but not saved\n');
    await eventually(async () => (await bench.journaled(doc.documentId)) !== null);
    await bench.routeSeen('files/list_folder/longpoll');
    bench.takeCounts();
    bench.opus.events.clear();

    const { remote, snapshot } = await bench.opus.call('restoreRevision', {
      path: '/Restore/story.txt',
      rev: v1.rev,
      documentId: doc.documentId,
    });
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/download': 1, 'files/restore': 1 });
    expect(remote).toMatchObject({ path: '/Restore/story.txt', contentHash: v1.content_hash });
    expect(remote.rev).not.toBe(v1.rev);
    expect(snapshot).toEqual({
      documentId: doc.documentId,
      remote,
      text: 'once upon a time\n',
      format: doc.format,
    });
    // The unsaved text was replaced on purpose: nothing to recover after a crash, but, as with
    // "Take theirs", it is kept in the local history.
    await eventually(async () => (await bench.journaled(doc.documentId)) === null);
    const history = join(bench.dataDir, 'history');
    const kept = (await readdir(history)).filter((name) => name.endsWith('story.txt'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(history, kept[0] as string), 'utf8')).toBe('typed but not saved\n');

    // The watcher hears of the restore, but it was ours: the window is told nothing.
    await bench.watcherCaughtUp();
    expect(bench.opus.events.of('remoteChanged')).toEqual([]);
    expect(bench.opus.events.of('documentReloaded')).toEqual([]);

    bench.takeCounts();
    const saved = await saveText(bench.opus, doc.documentId, 'once upon a time, and again\n');
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/upload': 1 });
    expect(saved).toMatchObject({ kind: 'saved' });
    expect((await bench.get('/Restore/story.txt')).toString()).toBe('once upon a time, and again\n');
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
  });

  test('a document in conflict refuses a restore until the conflict is resolved', async () => {
    const v1 = await bench.put('/Restore/contested.txt', 'base\n');
    const doc = await bench.opus.open('/Restore/contested.txt');
    await bench.put('/Restore/contested.txt', 'theirs\n');
    const stale = await saveText(bench.opus, doc.documentId, 'mine\n');
    expect(stale.kind).toBe('conflict');
    const refused = await bench.opus.envelope('restoreRevision', {
      path: '/Restore/contested.txt',
      rev: v1.rev,
      documentId: doc.documentId,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: expect.stringMatching(/Resolve it before restoring/) },
    });
    expect((await bench.get('/Restore/contested.txt')).toString()).toBe('theirs\n');
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
  });

  test('a revision that is not text is refused before Dropbox changes anything', async () => {
    const binary = await bench.put('/Restore/was-binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    await bench.put('/Restore/was-binary.txt', 'text now\n');
    const doc = await bench.opus.open('/Restore/was-binary.txt');
    expect(
      await bench.opus.envelope('restoreRevision', {
        path: '/Restore/was-binary.txt',
        rev: binary.rev,
        documentId: doc.documentId,
      }),
    ).toMatchObject({ ok: false, error: { kind: 'binary_file' } });
    expect((await bench.get('/Restore/was-binary.txt')).toString()).toBe('text now\n');
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
  });

  test("a document closed since (an Undo after its tab closed) restores only Dropbox's file", async () => {
    const v1 = await bench.put('/Restore/closed.txt', 'before\n');
    await bench.put('/Restore/closed.txt', 'after\n');
    const doc = await bench.opus.open('/Restore/closed.txt');
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
    const { remote, snapshot } = await bench.opus.call('restoreRevision', {
      path: '/Restore/closed.txt',
      rev: v1.rev,
      documentId: doc.documentId,
    });
    expect(snapshot).toBeUndefined();
    expect(remote.contentHash).toBe(v1.content_hash);
    expect((await bench.get('/Restore/closed.txt')).toString()).toBe('before\n');
  });

  test('a documentId open at another path is refused', async () => {
    const v1 = await bench.put('/Restore/one.txt', 'one\n');
    await bench.put('/Restore/two.txt', 'two\n');
    const two = await bench.opus.open('/Restore/two.txt');
    expect(
      await bench.opus.envelope('restoreRevision', {
        path: '/Restore/one.txt',
        rev: v1.rev,
        documentId: two.documentId,
      }),
    ).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    await bench.opus.call('closeDocument', { documentId: two.documentId });
  });
});

describe('opening a revision as a new document', () => {
  test('writes the revision’s exact bytes to a new file, and never over an existing one', async () => {
    // A BOM and CRLF line endings: a byte-for-byte copy keeps both.
    const bytes = Buffer.from('\ufeffDraft one\r\nwith CRLF\r\n', 'utf8');
    const v1 = await bench.put('/Copies/draft.txt', bytes);
    await bench.put('/Copies/draft.txt', 'draft two\n');
    bench.takeCounts();
    const copy = await bench.opus.call('saveRevisionAs', {
      path: '/Copies/draft.txt',
      rev: v1.rev,
      targetPath: '/Copies/draft (rev 1).txt',
    });
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/download': 1, 'files/upload': 1 });
    expect(copy).toMatchObject({ path: '/Copies/draft (rev 1).txt', contentHash: v1.content_hash });
    expect((await bench.get('/Copies/draft (rev 1).txt')).equals(bytes)).toBe(true);
    expect((await bench.get('/Copies/draft.txt')).toString()).toBe('draft two\n');

    expect(
      await bench.opus.envelope('saveRevisionAs', {
        path: '/Copies/draft.txt',
        rev: v1.rev,
        targetPath: '/Copies/draft.txt',
      }),
    ).toEqual({
      ok: false,
      error: { kind: 'conflict', message: '/Copies/draft.txt already exists in Dropbox.', generic: false },
    });
    expect((await bench.get('/Copies/draft.txt')).toString()).toBe('draft two\n');
  });
});
