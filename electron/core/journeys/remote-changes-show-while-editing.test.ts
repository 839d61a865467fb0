import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { saveText, typeText } from '../test-support/document-edits.ts';
import { pause } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

/** Opens `path` and waits until the watcher is waiting on its folder. */
async function openWatched(path: string, text = 'one\ntwo\nthree\n') {
  await bench.put(path, text);
  bench.takeCounts();
  const doc = await bench.opus.open(path);
  await bench.routeSeen('files/list_folder/longpoll');
  bench.takeCounts();
  bench.opus.events.clear();
  return doc;
}

describe('another computer changes an open document', () => {
  test('a document with unsaved edits gets a banner within 2 s, with the new rev', async () => {
    const doc = await openWatched('/Live/dirty.txt');
    await typeText(bench.opus, doc.documentId, 'one\ntwo (mine)\nthree\n');
    const started = Date.now();
    const theirs = await bench.put('/Live/dirty.txt', 'one\ntwo\nthree (theirs)\n');
    const banner = await bench.opus.events.waitFor(
      'remoteChanged',
      (e) => e.documentId === doc.documentId,
      2000,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(banner).toEqual({
      documentId: doc.documentId,
      change: 'modified',
      remote: expect.objectContaining({ rev: theirs.rev, contentHash: theirs.content_hash }),
    });
    expect(bench.opus.events.of('documentReloaded')).toEqual([]);
    // My text is untouched: the next save is the conflict prompt, with their text.
    const save = await saveText(bench.opus, doc.documentId, 'one\ntwo (mine)\nthree\n');
    expect(save).toMatchObject({ kind: 'conflict', conflict: { remoteText: 'one\ntwo\nthree (theirs)\n' } });
  });

  test('a document without unsaved edits reloads silently with the new text', async () => {
    const doc = await openWatched('/Live/clean.txt');
    const theirs = await bench.put('/Live/clean.txt', 'one\ntwo\nthree\nfour (theirs)\n');
    const reloaded = await bench.opus.events.waitFor(
      'documentReloaded',
      (e) => e.snapshot.documentId === doc.documentId,
      2000,
    );
    expect(reloaded.snapshot).toMatchObject({
      text: 'one\ntwo\nthree\nfour (theirs)\n',
      remote: { rev: theirs.rev, contentHash: theirs.content_hash },
    });
    expect(bench.opus.events.of('remoteChanged')).toEqual([]);
    // Saving now goes against their rev.
    const saved = await saveText(bench.opus, doc.documentId, 'zero\none\ntwo\nthree\nfour (theirs)\n');
    expect(saved.kind).toBe('saved');
  });

  test('an edit elsewhere that keeps the length (my cat → my dog) still gets the banner, and the save conflicts', async () => {
    const path = '/Live/same-length.txt';
    const doc = await openWatched(path, 'my cat\n');
    await typeText(bench.opus, doc.documentId, 'my cat, and mine\n');
    const theirs = await bench.put(path, 'my dog\n');
    expect(theirs.size).toBe(doc.remote.size);
    const banner = await bench.opus.events.waitFor(
      'remoteChanged',
      (e) => e.documentId === doc.documentId,
      2000,
    );
    expect(banner).toEqual({
      documentId: doc.documentId,
      change: 'modified',
      remote: expect.objectContaining({ rev: theirs.rev, contentHash: theirs.content_hash }),
    });
    const save = await saveText(bench.opus, doc.documentId, 'my cat, and mine\n');
    expect(save).toMatchObject({
      kind: 'conflict',
      conflict: { baseRev: doc.remote.rev, remote: { rev: theirs.rev }, remoteText: 'my dog\n' },
    });
    expect((await bench.get(path)).toString()).toBe('my dog\n');
  });

  test('an edit elsewhere that keeps the length reloads a document without unsaved edits', async () => {
    const path = '/Live/same-length-clean.txt';
    const doc = await openWatched(path, 'my cat\n');
    const theirs = await bench.put(path, 'my dog\n');
    const reloaded = await bench.opus.events.waitFor(
      'documentReloaded',
      (e) => e.snapshot.documentId === doc.documentId,
      2000,
    );
    expect(reloaded.snapshot).toMatchObject({ text: 'my dog\n', remote: { rev: theirs.rev } });
  });

  test('another computer uploading the very same bytes shows no banner and keeps the typing', async () => {
    const doc = await openWatched('/Live/noop.txt');
    await typeText(bench.opus, doc.documentId, 'dirty\n');
    bench.opus.events.clear();
    // strict_conflict makes a new rev even of the same bytes, so the watcher sees a change and Opus's
    // own content_hash check is what keeps the banner away (a plain overwrite would be a no-op rev).
    const same = (
      await bench.other.filesUpload({
        path: '/Live/noop.txt',
        contents: 'one\ntwo\nthree\n',
        mode: { '.tag': 'overwrite' },
        strict_conflict: true,
      })
    ).result;
    expect(same.rev).not.toBe(doc.remote.rev);
    expect(same.content_hash).toBe(doc.remote.contentHash);
    await bench.watcherCaughtUp();
    expect(bench.opus.events.of('remoteChanged')).toEqual([]);
    expect(bench.opus.events.of('documentReloaded')).toEqual([]);
    expect(bench.opus.events.of('documentStateChanged')).toEqual([
      expect.objectContaining({
        documentId: doc.documentId,
        dirty: true,
        remote: expect.objectContaining({ rev: same.rev }),
      }),
    ]);
  });

  test('a new rev with the same content shows nothing, and the rev is adopted', async () => {
    const doc = await openWatched('/Live/same-content.txt');
    await typeText(bench.opus, doc.documentId, 'one\ntwo\nthree\nfour\n');
    bench.opus.events.clear();
    // Restoring the current rev makes a new rev of the same bytes.
    const restored = (await bench.other.filesRestore({ path: '/Live/same-content.txt', rev: doc.remote.rev }))
      .result;
    expect(restored.rev).not.toBe(doc.remote.rev);
    await bench.watcherCaughtUp();
    // No banner, no reload: the window only hears the new rev its text is now based on (the status bar's).
    expect(bench.opus.events.names()).toEqual(['documentStateChanged']);
    expect(bench.opus.events.of('documentStateChanged')).toEqual([
      expect.objectContaining({
        documentId: doc.documentId,
        dirty: true,
        remote: expect.objectContaining({ rev: restored.rev }),
      }),
    ]);
    const saved = await saveText(bench.opus, doc.documentId, 'one\ntwo\nthree\nfour\n');
    expect(saved.kind).toBe('saved');
  });

  test('a file deleted remotely gets the deleted banner', async () => {
    const doc = await openWatched('/Live/deleted.txt');
    await bench.other.filesDeleteV2({ path: '/Live/deleted.txt' });
    expect(
      await bench.opus.events.waitFor('remoteChanged', (e) => e.documentId === doc.documentId, 2000),
    ).toEqual({
      documentId: doc.documentId,
      change: 'deleted',
    });
  });

  test('a file moved remotely gets the moved banner with its new path, and saves go there', async () => {
    const doc = await openWatched('/Live/before.txt');
    await bench.other.filesMoveV2({ from_path: '/Live/before.txt', to_path: '/Live/after.txt' });
    const banner = await bench.opus.events.waitFor(
      'remoteChanged',
      (e) => e.documentId === doc.documentId,
      2000,
    );
    expect(banner).toEqual({
      documentId: doc.documentId,
      change: 'moved',
      remote: expect.objectContaining({ path: '/Live/after.txt', id: doc.remote.id }),
    });
    const saved = await saveText(bench.opus, doc.documentId, 'one\ntwo\nthree\nfour\n');
    expect(saved).toMatchObject({ kind: 'saved', remote: { path: '/Live/after.txt' } });
    expect((await bench.get('/Live/after.txt')).toString()).toBe('one\ntwo\nthree\nfour\n');
  });

  test('a file edited elsewhere and then moved, while I have unsaved edits: my save conflicts, their edit stays', async () => {
    const doc = await openWatched('/Live/Edited/draft.txt', 'one\ntwo\nthree\n');
    const mine = 'one\ntwo (mine)\nthree\n';
    await typeText(bench.opus, doc.documentId, mine);
    const theirs = 'one\ntwo\nthree (theirs)\n';
    await bench.put('/Live/Edited/draft.txt', theirs);
    const moved = (
      await bench.other.filesMoveV2({
        from_path: '/Live/Edited/draft.txt',
        to_path: '/Live/Edited/renamed.txt',
      })
    ).result.metadata as { rev: string };
    await bench.opus.events.waitFor(
      'remoteChanged',
      (e) => e.documentId === doc.documentId && e.change === 'moved',
      2000,
    );
    const save = await saveText(bench.opus, doc.documentId, mine);
    expect(save).toMatchObject({
      kind: 'conflict',
      conflict: {
        baseRev: doc.remote.rev,
        remote: { rev: moved.rev, path: '/Live/Edited/renamed.txt' },
        remoteText: theirs,
      },
    });
    expect((await bench.get('/Live/Edited/renamed.txt')).toString()).toBe(theirs);
    // Their edit is still the newest revision: nothing of mine was written over it.
    const revisions = (await bench.other.filesListRevisions({ path: '/Live/Edited/renamed.txt' })).result;
    expect(revisions.entries[0]?.rev).toBe(moved.rev);
  });

  test('a file moved to another folder is still watched there', async () => {
    const doc = await openWatched('/Live/Away/wanderer.txt');
    await bench.other.filesMoveV2({
      from_path: '/Live/Away/wanderer.txt',
      to_path: '/Live/Elsewhere/wanderer.txt',
    });
    await bench.opus.events.waitFor(
      'remoteChanged',
      (e) => e.documentId === doc.documentId && e.change === 'moved',
      2000,
    );
    await typeText(bench.opus, doc.documentId, 'mine\n');
    bench.opus.events.clear();
    await pause(100);
    const theirs = await bench.put('/Live/Elsewhere/wanderer.txt', 'theirs, in the new folder\n');
    const banner = await bench.opus.events.waitFor(
      'remoteChanged',
      (e) => e.documentId === doc.documentId,
      2000,
    );
    expect(banner).toMatchObject({
      change: 'modified',
      remote: { rev: theirs.rev, path: '/Live/Elsewhere/wanderer.txt' },
    });
  });
});

describe('the watcher', () => {
  test('runs one longpoll loop per folder, however many documents are open in it', async () => {
    await bench.put('/Pair/a.txt', 'a\n');
    await bench.put('/Pair/b.txt', 'b\n');
    await bench.put('/Pair/Inner/c.txt', 'c\n');
    bench.takeCounts();
    const a = await bench.opus.open('/Pair/a.txt');
    const b = await bench.opus.open('/Pair/b.txt');
    await bench.routeSeen('files/list_folder/longpoll');
    await pause(100);
    expect(bench.takeCounts({ withoutWatcher: false })).toEqual({
      'files/download': 2,
      'files/list_folder/get_latest_cursor': 1,
      'files/list_folder/longpoll': 1,
    });
    const c = await bench.opus.open('/Pair/Inner/c.txt');
    await bench.routeSeen('files/list_folder/longpoll');
    expect(bench.takeCounts()).toEqual({
      'files/download': 1,
      'files/list_folder/get_latest_cursor': 1,
      'files/list_folder/longpoll': 1,
    });
    // One change wakes the folder's one loop: one continue, one new longpoll, both documents told.
    await typeText(bench.opus, a.documentId, 'a, mine\n');
    bench.opus.events.clear();
    await bench.put('/Pair/a.txt', 'a, theirs\n');
    await bench.put('/Pair/b.txt', 'b, theirs\n');
    await bench.opus.events.waitFor('remoteChanged', (e) => e.documentId === a.documentId);
    await bench.opus.events.waitFor('documentReloaded', (e) => e.snapshot.documentId === b.documentId);
    // Closing one document keeps the folder watched for the other.
    await bench.opus.call('closeDocument', { documentId: a.documentId });
    await bench.watcherCaughtUp();
    bench.takeCounts();
    bench.opus.events.clear();
    await bench.put('/Pair/b.txt', 'b, theirs again\n');
    await bench.opus.events.waitFor('documentReloaded', (e) => e.snapshot.documentId === b.documentId);
    await bench.opus.call('closeDocument', { documentId: b.documentId });
    await bench.opus.call('closeDocument', { documentId: c.documentId });
  });

  test('a slow answer to my own save is not mistaken for someone else’s edit', async () => {
    // The network delays the answer to each upload: the watcher hears of the new rev first.
    const slowUploads = ((input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const answer = fetch(input, init);
      return url.endsWith('/2/files/upload')
        ? answer.then(async (response) => {
            await pause(400);
            return response;
          })
        : answer;
    }) as typeof fetch;
    const slow = await bench.restart({ fetch: slowUploads });
    await bench.put('/Slow/mine.txt', 'one\n');
    bench.takeCounts();
    const doc = await slow.open('/Slow/mine.txt');
    await bench.routeSeen('files/list_folder/longpoll');
    bench.takeCounts();
    slow.events.clear();
    await typeText(slow, doc.documentId, 'one\ntwo\n');
    const saved = await saveText(slow, doc.documentId, 'one\ntwo\n');
    expect(saved.kind).toBe('saved');
    await bench.watcherCaughtUp();
    expect(bench.takeCounts()['files/list_folder/continue']).toBeGreaterThan(0);
    expect(slow.events.of('remoteChanged')).toEqual([]);
    expect(slow.events.of('documentReloaded')).toEqual([]);
    await slow.close();
  });
});
