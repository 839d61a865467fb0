import iconv from 'iconv-lite';
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

/** Bytes Shift_JIS reads but cannot write back (codec.fixtures.test.ts): Opus will not open them as text. */
const UNWRITABLE_SHIFT_JIS = Buffer.concat([
  iconv.encode('日本語のテキストです。\n'.repeat(3), 'shift_jis'),
  Buffer.from([0x85, 0x40]),
]);
const PNG_START = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0,
]);

test.each([
  { now: 'binary', slug: 'binary', bytes: PNG_START },
  { now: 'in an encoding Opus cannot write back', slug: 'sjis', bytes: UNWRITABLE_SHIFT_JIS },
])(
  'a save over a file another computer made $now is the conflict, with their rev but no text',
  async ({ slug, bytes }) => {
    const path = `/NoLongerText/${slug}.txt`;
    const created = await bench.put(path, 'one\n');
    const doc = await bench.opus.open(path);
    await typeText(bench.opus, doc.documentId, 'one\nmine\n');
    const theirs = await bench.put(path, bytes);
    const answer = await saveText(bench.opus, doc.documentId, 'one\nmine\n');
    expect(answer).toEqual({
      kind: 'conflict',
      conflict: {
        documentId: doc.documentId,
        baseRev: created.rev,
        remote: expect.objectContaining({ rev: theirs.rev, path }),
        remoteText: null,
        myChanges: 1,
      },
    });
    expect(await bench.get(path)).toEqual(bytes);
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
  },
);

test.each([
  {
    change: 'only adds a BOM',
    encoding: { encoding: 'utf-8', bom: true },
    bytes: Buffer.from('\uFEFFGrüße\n'),
  },
  {
    change: 'only changes the encoding',
    encoding: { encoding: 'iso-8859-1', bom: false },
    bytes: Buffer.from('Grüße\n', 'latin1'),
  },
])('Save with Encoding that $change writes the unchanged text again, in it', async ({ encoding, bytes }) => {
  const path = `/Converted/${encoding.encoding}${encoding.bom ? '-bom' : ''}.txt`;
  await bench.put(path, 'Grüße\n');
  const doc = await bench.opus.open(path);
  bench.takeCounts();
  const saved = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: 1,
    baseRev: doc.remote.rev,
    encoding,
  });
  expect(saved).toMatchObject({ kind: 'saved', format: encoding });
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/upload': 1 });
  expect(await bench.get(path)).toEqual(bytes);
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});
