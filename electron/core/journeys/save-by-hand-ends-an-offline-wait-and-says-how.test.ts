import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { saveText, typeText } from '../test-support/document-edits.ts';

// A save refused by server errors waits as a pending upload (offline-saves-wait-and-upload-when-dropbox-
// returns covers the wait itself). Here the user presses Save again before the wait is over: what the
// answer says, what the window hears, and what Dropbox ends up holding. The core's own retry comes 2 s
// after the wait began (wiring/pending-uploads.ts); each test is done with the wait well before that.

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

/** A document whose save of `text` waits: Dropbox answered it with 500s only. Faults stay on. */
async function waitingSave(path: string, base: string, text: string) {
  const created = await bench.put(path, base);
  const doc = await bench.opus.open(path);
  bench.lb.box.injectFaults({ failNext: 100 });
  expect(await saveText(bench.opus, doc.documentId, text)).toEqual({ kind: 'pending', reason: 'offline' });
  bench.opus.events.clear();
  return { created, documentId: doc.documentId };
}

/** The phase the window shows for the document now: the last one main announced. */
const shownPhase = (documentId: string) =>
  bench.opus.events
    .of('documentStateChanged')
    .filter((e) => e.documentId === documentId)
    .at(-1)?.phase;

test('saved again while Dropbox still fails, it keeps waiting: nothing is said to be uploaded', async () => {
  const { documentId } = await waitingSave('/Wait/still.txt', 'one\n', 'one\ntwo\n');
  const again = await saveText(bench.opus, documentId, 'one\ntwo\nthree\n');
  bench.lb.box.clearFaults();
  expect(again).toEqual({ kind: 'pending', reason: 'offline' });
  expect(bench.opus.events.of('pendingUploadChanged')).toEqual([{ documentId, state: 'pending' }]);
  expect(shownPhase(documentId)).toBe('pending_upload');
  expect((await bench.get('/Wait/still.txt')).toString()).toBe('one\n');
  await bench.opus.call('closeDocument', { documentId });
});

test('the text typed back to what Dropbox has, saved by hand, ends the wait: the waiting text is never sent', async () => {
  const { created, documentId } = await waitingSave('/Wait/undone.txt', 'one\n', 'one\ntwo, undone later\n');
  bench.lb.box.clearFaults();
  // Not dirty any more, yet a waiting text would still go to Dropbox: this save is what replaces it.
  const saved = await saveText(bench.opus, documentId, 'one\n');
  expect(saved).toMatchObject({ kind: 'saved', remote: { path: '/Wait/undone.txt' } });
  if (saved.kind !== 'saved') return;
  expect(saved.remote.rev).not.toBe(created.rev);
  expect(bench.opus.events.of('pendingUploadChanged')).toEqual([
    { documentId, state: 'uploaded', remote: saved.remote },
  ]);
  expect(shownPhase(documentId)).toBe('clean');
  expect((await bench.get('/Wait/undone.txt')).toString()).toBe('one\n');
  const revisions = (await bench.other.filesListRevisions({ path: '/Wait/undone.txt' })).result.entries;
  expect(revisions.map((r) => r.rev)).toEqual([saved.remote.rev, created.rev]);
  await bench.opus.call('closeDocument', { documentId });
});

test('saved by hand after another computer changed the file, the wait ends in the conflict, with their rev', async () => {
  const base = 'one\ntwo\nthree\n';
  const { created, documentId } = await waitingSave('/Wait/contested.txt', base, 'one\ntwo (mine)\nthree\n');
  bench.lb.box.clearFaults();
  const theirs = await bench.put('/Wait/contested.txt', 'one\ntwo\nthree (theirs)\n');
  const answer = await saveText(bench.opus, documentId, 'one\ntwo (mine)\nthree\n');
  expect(answer).toEqual({
    kind: 'conflict',
    conflict: {
      documentId,
      baseRev: created.rev,
      remote: expect.objectContaining({ rev: theirs.rev, path: '/Wait/contested.txt' }),
      remoteText: 'one\ntwo\nthree (theirs)\n',
      myChanges: 1,
    },
  });
  expect(bench.opus.events.of('pendingUploadChanged')).toEqual([
    { documentId, state: 'conflict', remote: expect.objectContaining({ rev: theirs.rev }) },
  ]);
  // No longer waiting to be sent: the conflict is the user's to resolve, and Dropbox keeps their text.
  expect(shownPhase(documentId)).toBe('conflict');
  expect((await bench.get('/Wait/contested.txt')).toString()).toBe('one\ntwo\nthree (theirs)\n');
  await bench.opus.call('closeDocument', { documentId });
});

test('a save that meets a conflict with nothing waiting says nothing about a wait', async () => {
  const created = await bench.put('/Wait/none.txt', 'one\n');
  const doc = await bench.opus.open('/Wait/none.txt');
  await typeText(bench.opus, doc.documentId, 'one\nmine\n');
  const theirs = await bench.put('/Wait/none.txt', 'one\ntheirs\n');
  bench.opus.events.clear();
  const answer = await saveText(bench.opus, doc.documentId, 'one\nmine\n');
  expect(answer).toMatchObject({
    kind: 'conflict',
    conflict: { baseRev: created.rev, remote: { rev: theirs.rev }, remoteText: 'one\ntheirs\n' },
  });
  expect(bench.opus.events.of('pendingUploadChanged')).toEqual([]);
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});
