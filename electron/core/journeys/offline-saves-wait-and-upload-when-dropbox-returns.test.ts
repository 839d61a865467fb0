import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  type CoreBench,
  journaledTexts as journaledTextsIn,
  startCoreBench,
} from '../test-support/core-bench.ts';
import { saveText } from '../test-support/document-edits.ts';
import { eventually } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

// The watcher retries 0.5–1 s after losing Dropbox and backs off further while it stays away. The first
// retry usually finds localbox back; on a busy machine its restart can take longer, so allow a second one.
const RECOVERY_MS = 10_000;

/** The texts kept in Opus's journal folder now. */
const journaledTexts = () => journaledTextsIn(bench.dataDir);

async function openWatched(path: string, text: string) {
  await bench.put(path, text);
  bench.takeCounts();
  const doc = await bench.opus.open(path);
  await bench.routeSeen('files/list_folder/longpoll');
  bench.opus.events.clear();
  return doc;
}

test('a save while Dropbox cannot be reached waits, journaled, and uploads when it answers again', async () => {
  const doc = await openWatched('/Offline/draft.txt', 'one\n');
  await bench.localboxDown();
  const text = 'one\ntwo, written offline\n';
  const answer = await saveText(bench.opus, doc.documentId, text);
  expect(answer).toEqual({ kind: 'pending', reason: 'offline' });
  expect(
    await bench.opus.events.waitFor('pendingUploadChanged', (e) => e.documentId === doc.documentId),
  ).toEqual({
    documentId: doc.documentId,
    state: 'pending',
  });
  await eventually(async () => (await journaledTexts()).includes(text), 2000, 'the text in the journal');
  await bench.opus.events.waitFor('connectionChanged', (e) => !e.online);

  await bench.localboxUp();
  const uploaded = await bench.opus.events.waitFor(
    'pendingUploadChanged',
    (e) => e.documentId === doc.documentId && e.state !== 'pending',
    RECOVERY_MS,
  );
  expect(uploaded).toEqual({
    documentId: doc.documentId,
    state: 'uploaded',
    remote: expect.objectContaining({ path: '/Offline/draft.txt' }),
  });
  await bench.opus.events.waitFor('connectionChanged', (e) => e.online);
  expect((await bench.get('/Offline/draft.txt')).toString()).toBe(text);
  // Revision-checked: it replaced exactly the rev the text was based on.
  const revisions = (await bench.other.filesListRevisions({ path: '/Offline/draft.txt' })).result.entries;
  expect(revisions.map((r) => r.rev)).toEqual([uploaded.remote?.rev, doc.remote.rev]);
  await eventually(async () => !(await journaledTexts()).includes(text), 2000, 'the journal entry cleared');
  // The document is clean on the new rev: the next save lands.
  const next = await saveText(bench.opus, doc.documentId, `${text}three\n`);
  expect(next.kind).toBe('saved');
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});

test('a pending save meets a conflict when another computer changed the file meanwhile', async () => {
  const doc = await openWatched('/Offline/contested.txt', 'one\n');
  await bench.localboxDown();
  const mine = 'one\nmine, written offline\n';
  expect(await saveText(bench.opus, doc.documentId, mine)).toMatchObject({
    kind: 'pending',
  });
  await bench.localboxUp();
  const theirs = await bench.put('/Offline/contested.txt', 'one\ntheirs, written online\n');
  const outcome = await bench.opus.events.waitFor(
    'pendingUploadChanged',
    (e) => e.documentId === doc.documentId && e.state !== 'pending',
    RECOVERY_MS,
  );
  expect(outcome).toEqual({
    documentId: doc.documentId,
    state: 'conflict',
    remote: expect.objectContaining({ rev: theirs.rev }),
  });
  expect((await bench.get('/Offline/contested.txt')).toString()).toBe('one\ntheirs, written online\n');
  // The user's text is still there to resolve: the next save shows the conflict with both sides.
  const prompt = await saveText(bench.opus, doc.documentId, mine);
  expect(prompt).toMatchObject({
    kind: 'conflict',
    conflict: { remoteText: 'one\ntheirs, written online\n', remote: { rev: theirs.rev } },
  });
  // The journal is written a debounce after the offline save; a loaded machine may still be writing it.
  await eventually(async () => (await journaledTexts()).includes(mine), 2000, 'the text still journaled');
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});

test('a save refused by server errors waits too, and saving again uploads it and says so', async () => {
  const doc = await openWatched('/Offline/errors.txt', 'one\n');
  bench.lb.box.injectFaults({ failNext: 100 });
  const text = 'one\ntwo, during the outage\n';
  expect(await saveText(bench.opus, doc.documentId, text)).toEqual({
    kind: 'pending',
    reason: 'offline',
  });
  bench.lb.box.clearFaults();
  expect((await bench.get('/Offline/errors.txt')).toString()).toBe('one\n');
  bench.opus.events.clear();
  const saved = await saveText(bench.opus, doc.documentId, text);
  expect(saved.kind).toBe('saved');
  expect(bench.opus.events.of('pendingUploadChanged')).toEqual([
    {
      documentId: doc.documentId,
      state: 'uploaded',
      remote: expect.objectContaining({ path: '/Offline/errors.txt' }),
    },
  ]);
  expect((await bench.get('/Offline/errors.txt')).toString()).toBe(text);
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});

test('a save refused by server errors is sent again by itself once Dropbox answers', async () => {
  const doc = await openWatched('/Offline/retried.txt', 'one\n');
  bench.lb.box.injectFaults({ failNext: 100 });
  const text = 'one\ntwo, sent again later\n';
  expect(await saveText(bench.opus, doc.documentId, text)).toMatchObject({
    kind: 'pending',
  });
  bench.lb.box.clearFaults();
  // Nothing the watcher could notice happened: its longpoll was never interrupted.
  const uploaded = await bench.opus.events.waitFor(
    'pendingUploadChanged',
    (e) => e.documentId === doc.documentId && e.state !== 'pending',
    RECOVERY_MS,
  );
  expect(uploaded).toMatchObject({ state: 'uploaded' });
  expect((await bench.get('/Offline/retried.txt')).toString()).toBe(text);
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});
