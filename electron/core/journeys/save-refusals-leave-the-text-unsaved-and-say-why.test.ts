import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { CallFailed } from '../test-support/core-handle.ts';
import { saveText, typeText } from '../test-support/document-edits.ts';

// A save Dropbox refuses for a reason other than a conflict or an outage fails with that reason: the
// text stays unsaved here, nothing waits to be sent, and Dropbox keeps what it had.

const KiB = 1024;

let bench: CoreBench;
beforeAll(async () => {
  // A small Dropbox, so that one save can fill it.
  bench = await startCoreBench({ localbox: { quotaBytes: 64 * KiB } });
});
afterAll(() => bench.stop());

/** The save's failure, as the window gets it (or the answer, when it did not fail). */
const failureOf = (saving: Promise<unknown>) =>
  saving.then(
    (answer) => ({ answered: answer }),
    (error: unknown) => (error instanceof CallFailed ? { failed: error.kind } : { threw: error }),
  );

/** What the window was told of the document last. */
const lastState = (documentId: string) =>
  bench.opus.events.of('documentStateChanged').findLast((e) => e.documentId === documentId);

test('a save that would overfill Dropbox fails as “Dropbox is full”; the text stays unsaved, not waiting', async () => {
  const created = await bench.put('/Full/notes.txt', 'notes\n');
  const doc = await bench.opus.open('/Full/notes.txt');
  bench.opus.events.clear();
  const huge = `notes\n${'x'.repeat(80 * KiB)}\n`;
  expect(await failureOf(saveText(bench.opus, doc.documentId, huge))).toEqual({
    failed: 'insufficient_space',
  });
  expect(bench.opus.events.of('pendingUploadChanged')).toEqual([]);
  expect(lastState(doc.documentId)).toMatchObject({ phase: 'dirty', dirty: true });
  expect((await bench.get('/Full/notes.txt')).toString()).toBe('notes\n');

  // Made small enough, the same document saves on the rev it was opened at.
  const saved = await saveText(bench.opus, doc.documentId, 'notes\nshort\n');
  expect(saved).toMatchObject({ kind: 'saved' });
  const revisions = (await bench.other.filesListRevisions({ path: '/Full/notes.txt' })).result.entries;
  expect(revisions.map((r) => r.rev)).toEqual([saved.kind === 'saved' && saved.remote.rev, created.rev]);
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});

test('a conflict whose Dropbox version cannot be fetched fails as offline; the next save shows the conflict whole', async () => {
  await bench.put('/Lost/draft.txt', 'one\n');
  const doc = await bench.opus.open('/Lost/draft.txt');
  await typeText(bench.opus, doc.documentId, 'one\nmine\n');
  const theirs = await bench.put('/Lost/draft.txt', 'one\ntheirs\n');
  // The refused upload answers; every download of Dropbox's version loses its answer.
  bench.lb.box.injectFaults({ loseAnswerNext: 100, loseAnswerRoute: 'files/download' });
  const first = await failureOf(saveText(bench.opus, doc.documentId, 'one\nmine\n'));
  bench.lb.box.clearFaults();
  // Not a conflict with nothing on Dropbox's side (as if the file had been deleted): a failure to retry.
  expect(first).toEqual({ failed: 'offline' });
  expect(lastState(doc.documentId)?.phase).not.toBe('conflict');

  const again = await saveText(bench.opus, doc.documentId, 'one\nmine\n');
  expect(again).toMatchObject({
    kind: 'conflict',
    conflict: { remote: { rev: theirs.rev }, remoteText: 'one\ntheirs\n', myChanges: 1 },
  });
  expect((await bench.get('/Lost/draft.txt')).toString()).toBe('one\ntheirs\n');
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});

test('Save with Encoding that only adds a BOM writes it: the unchanged text is not “already on Dropbox”', async () => {
  await bench.put('/Bom/plain.txt', 'plain\n');
  const doc = await bench.opus.open('/Bom/plain.txt');
  bench.takeCounts();
  const saved = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: 1,
    baseRev: doc.remote.rev,
    encoding: { encoding: 'utf-8', bom: true },
  });
  expect(saved).toMatchObject({ kind: 'saved', format: { encoding: 'utf-8', bom: true } });
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/upload': 1 });
  expect(await bench.get('/Bom/plain.txt')).toEqual(Buffer.from('\uFEFFplain\n', 'utf8'));
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});
