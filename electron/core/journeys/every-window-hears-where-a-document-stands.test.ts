import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CommandRequest } from '../../common/contract/commands.ts';
import type { EventPayload } from '../../common/contract/events.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { EventRecorder } from '../test-support/core-handle.ts';
import { resolveWith, saveText, typeText } from '../test-support/document-edits.ts';
import { eventually } from '../test-support/waiting.ts';

// What each window hears of an open document (document-state.ts): the phase its status bar shows, the
// editor's version, the rev, and in a conflict Dropbox's side. A second window listens beside the one
// that acts, as every window of Opus does: it knows only what the news says.

let bench: CoreBench;
let window2: EventRecorder;
beforeAll(async () => {
  bench = await startCoreBench();
  window2 = new EventRecorder();
  bench.opus.core.subscribe(window2.listener);
});
afterAll(() => bench.stop());

type Change = CommandRequest<'editDocument'>['change'];
type News = EventPayload<'documentStateChanged'>;

const newsOf = (documentId: string): News[] =>
  window2.of('documentStateChanged').filter((e) => e.documentId === documentId);

function edit(documentId: string, baseRev: string, version: number, change: Change) {
  return bench.opus.call('editDocument', { documentId, baseRev, version, change });
}

/** `text` put on Dropbox at `path` and opened; `watched`: once the watcher waits on its folder too. */
async function openFile(path: string, text: string, watched = false) {
  await bench.put(path, text);
  bench.takeCounts();
  const doc = await bench.opus.open(path);
  if (watched) await bench.routeSeen('files/list_folder/longpoll');
  bench.opus.events.clear();
  return doc;
}

test('an opened document is news to every window: clean, on its rev, no version, no other side', async () => {
  await bench.put('/Stand/open.txt', 'one\n');
  window2.clear();
  const doc = await bench.opus.open('/Stand/open.txt');
  // Strict: a window must not find a `theirs` key outside a conflict.
  expect(newsOf(doc.documentId)).toStrictEqual([
    { documentId: doc.documentId, phase: 'clean', dirty: false, version: null, remote: doc.remote },
  ]);

  await typeText(bench.opus, doc.documentId, 'one\ntwo\n');
  const { version } = bench.opus.editorOf(doc.documentId);
  expect(newsOf(doc.documentId).at(-1)).toStrictEqual({
    documentId: doc.documentId,
    phase: 'dirty',
    dirty: true,
    version,
    remote: doc.remote,
  });
  // The page sends its whole text again (an answer it lost): nothing changed, so no window hears of it.
  window2.clear();
  expect(await edit(doc.documentId, doc.remote.rev, version, { kind: 'text', text: 'one\ntwo\n' })).toEqual({
    applied: true,
    dirty: true,
  });
  expect(newsOf(doc.documentId)).toEqual([]);
});

test('Save right after opening, before any typing, answers saved and uploads nothing', async () => {
  const doc = await openFile('/Stand/untouched.txt', 'as it was\n');
  bench.takeCounts();
  // The editor's first version: main set the text itself and has heard of no edit since.
  const answer = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: 1,
    baseRev: doc.remote.rev,
  });
  expect(answer).toMatchObject({ kind: 'saved', remote: { rev: doc.remote.rev } });
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
});

test('a save of a version main never had is refused by name, and says the text is still there', async () => {
  const doc = await openFile('/Stand/ahead.txt', 'abc\n');
  await edit(doc.documentId, doc.remote.rev, 2, {
    kind: 'edits',
    from: 1,
    edits: [{ at: 0, remove: 0, insert: 'x' }],
  });
  const answer = await bench.opus.envelope('saveDocument', {
    documentId: doc.documentId,
    version: 3,
    baseRev: doc.remote.rev,
  });
  expect(answer).toEqual({
    ok: false,
    error: expect.objectContaining({
      kind: 'invalid_request',
      message:
        'Opus lost track of the edits to ahead.txt (version 3, expected 2). Your text is still in the editor: save again.',
    }),
  });
});

test('a save that meets a newer text on Dropbox puts every window in conflict, with Dropbox’s rev', async () => {
  const doc = await openFile('/Stand/theirs.txt', 'one\n');
  const theirs = await bench.put('/Stand/theirs.txt', 'one, theirs\n');
  const answer = await saveText(bench.opus, doc.documentId, 'one, mine\n');
  if (answer.kind !== 'conflict') throw new Error(`expected a conflict, got ${answer.kind}`);
  expect(answer.conflict.remote).toMatchObject({ rev: theirs.rev });
  expect(newsOf(doc.documentId).at(-1)).toStrictEqual({
    documentId: doc.documentId,
    phase: 'conflict',
    dirty: true,
    version: bench.opus.editorOf(doc.documentId).version,
    remote: doc.remote,
    theirs: answer.conflict.remote,
  });
  // The reviewed merge becomes the editor's text, and that is what goes up.
  const merged = 'one, mine and theirs\n';
  expect(await resolveWith(bench.opus, doc.documentId, 'use_merged', merged)).toMatchObject({
    kind: 'saved',
  });
  expect((await bench.get('/Stand/theirs.txt')).toString()).toBe(merged);
  expect(newsOf(doc.documentId).at(-1)).toMatchObject({ phase: 'clean', dirty: false });
});

test('a save of a file deleted on Dropbox meanwhile is a conflict whose other side is nothing', async () => {
  const doc = await openFile('/Stand/gone.txt', 'one\n');
  await bench.other.filesDeleteV2({ path: '/Stand/gone.txt' });
  const answer = await saveText(bench.opus, doc.documentId, 'one, mine\n');
  expect(answer).toMatchObject({ kind: 'conflict', conflict: { remote: null } });
  expect(newsOf(doc.documentId).at(-1)).toMatchObject({ phase: 'conflict', dirty: true, theirs: null });
  // Saved as a copy: my text is there, and the editor goes back to what it had, with nothing unsaved.
  // The copy answered the conflict; the next save asks Dropbox anew (a-conflict-with-dropbox-s-version-
  // gone-resolves-safely), so there is no other side to show now.
  const copied = await resolveWith(bench.opus, doc.documentId, 'save_copy', 'one, mine\n');
  if (copied.kind !== 'copied') throw new Error(`expected a copy, got ${copied.kind}`);
  expect((await bench.get(copied.copy.path)).toString()).toBe('one, mine\n');
  expect(newsOf(doc.documentId).at(-1)).toStrictEqual({
    documentId: doc.documentId,
    phase: 'clean',
    dirty: false,
    version: null,
    remote: doc.remote,
  });
  await eventually(async () => (await bench.journaled(doc.documentId)) === null, 2000, 'the journal cleared');
});

test('keystrokes on a reloaded text land on it, even once Dropbox gave that text a new rev', async () => {
  const doc = await openFile('/Stand/reloaded.txt', 'one\n', true);
  const changed = await bench.put('/Stand/reloaded.txt', 'one\ntwo, theirs\n');
  await bench.opus.events.waitFor('documentReloaded', (e) => e.snapshot.documentId === doc.documentId);
  // The same bytes again under a new rev (a restore of that revision): adopted quietly.
  const again = (await bench.other.filesRestore({ path: '/Stand/reloaded.txt', rev: changed.rev })).result;
  expect(again.rev).not.toBe(changed.rev);
  await bench.opus.events.waitFor(
    'documentStateChanged',
    (e) => e.documentId === doc.documentId && e.remote.rev === again.rev,
  );
  // The window typed on the reloaded text before it heard of the new rev: its edit names the reload's.
  expect(
    await edit(doc.documentId, changed.rev, 2, {
      kind: 'edits',
      from: 1,
      edits: [{ at: 4, remove: 0, insert: 'zero, ' }],
    }),
  ).toEqual({ applied: true, dirty: true });
  const saved = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: 2,
    baseRev: changed.rev,
  });
  expect(saved.kind).toBe('saved');
  expect((await bench.get('/Stand/reloaded.txt')).toString()).toBe('one\nzero, two, theirs\n');
});

test('after Take theirs, a keystroke still on its way from my text does not bring my text back', async () => {
  const doc = await openFile('/Stand/taken.txt', 'one\n');
  const theirs = await bench.put('/Stand/taken.txt', 'one, theirs\n');
  const mine = 'one, mine\n';
  expect(await saveText(bench.opus, doc.documentId, mine)).toMatchObject({ kind: 'conflict' });
  await resolveWith(bench.opus, doc.documentId, 'take_theirs', mine);
  // A keystroke typed on my text just before Take theirs, reaching main after it.
  const { version } = bench.opus.editorOf(doc.documentId);
  await edit(doc.documentId, doc.remote.rev, version + 1, {
    kind: 'edits',
    from: version,
    edits: [{ at: 0, remove: 0, insert: '!' }],
  });
  const saved = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: version + 1,
    baseRev: theirs.rev,
  });
  expect(saved).toMatchObject({ kind: 'saved' });
  expect((await bench.get('/Stand/taken.txt')).toString()).toBe('!one, theirs\n');
});

// Last: Dropbox goes away for every document of this bench.
test('a save or a Keep mine while Dropbox cannot be reached shows every window the upload waiting', async () => {
  const doc = await openFile('/Stand/offline.txt', 'one\n', true);
  const kept = await openFile('/Stand/kept.txt', 'one\n');
  await bench.put('/Stand/kept.txt', 'one, theirs\n');
  expect(await saveText(bench.opus, kept.documentId, 'one, mine\n')).toMatchObject({ kind: 'conflict' });
  await bench.localboxDown();
  try {
    expect(await saveText(bench.opus, doc.documentId, 'one\ntwo, offline\n')).toEqual({
      kind: 'pending',
      reason: 'offline',
    });
    expect(newsOf(doc.documentId).at(-1)).toMatchObject({ phase: 'pending_upload', dirty: true });
    // Keep mine chose: no conflict is left to ask about, the text waits for Dropbox like any save.
    expect(await resolveWith(bench.opus, kept.documentId, 'keep_mine', 'one, mine\n')).toEqual({
      kind: 'pending',
      reason: 'offline',
    });
    expect(newsOf(kept.documentId).at(-1)).toMatchObject({ phase: 'pending_upload', dirty: true });
  } finally {
    await bench.localboxUp();
  }
});

// The watcher retries 0.5–1 s after losing Dropbox; on a busy machine localbox may take a second one.
const RECOVERY_MS = 10_000;

/** Dropbox goes away, `text` is saved and waits, and `meanwhile` happens before Dropbox is back. */
async function offlineThenBack(documentId: string, text: string, meanwhile = async () => {}) {
  await bench.localboxDown();
  try {
    expect(await saveText(bench.opus, documentId, text)).toMatchObject({ kind: 'pending' });
    await meanwhile();
  } finally {
    await bench.localboxUp();
  }
}

test('typing on after a save that waits for Dropbox stays unsaved once that save goes up', async () => {
  const doc = await openFile('/Stand/typed-on.txt', 'one\n', true);
  const more = 'one\ntwo\nthree, typed while the save waited\n';
  await offlineThenBack(doc.documentId, 'one\ntwo\n', () => typeText(bench.opus, doc.documentId, more));
  const uploaded = await bench.opus.events.waitFor(
    'pendingUploadChanged',
    (e) => e.documentId === doc.documentId && e.state === 'uploaded',
    RECOVERY_MS,
  );
  expect((await bench.get('/Stand/typed-on.txt')).toString()).toBe('one\ntwo\n');
  expect(newsOf(doc.documentId).at(-1)).toMatchObject({
    phase: 'dirty',
    dirty: true,
    remote: uploaded.remote,
  });
  expect(await bench.journaled(doc.documentId)).toBe(more);
  const { version } = bench.opus.editorOf(doc.documentId);
  const saved = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version,
    baseRev: uploaded.remote?.rev ?? '',
  });
  expect(saved.kind).toBe('saved');
  expect((await bench.get('/Stand/typed-on.txt')).toString()).toBe(more);
});

test('a waiting save that met a conflict is not sent again the next time Dropbox comes back', async () => {
  const pendingNews = (documentId: string) =>
    bench.opus.events.of('pendingUploadChanged').filter((e) => e.documentId === documentId);
  const doc = await openFile('/Stand/again.txt', 'one\n', true);
  await typeText(bench.opus, doc.documentId, 'one, mine\n');
  await bench.put('/Stand/again.txt', 'one, theirs\n');
  await bench.opus.events.waitFor('remoteChanged', (e) => e.documentId === doc.documentId);
  await offlineThenBack(doc.documentId, 'one, mine\n');
  await bench.opus.events.waitFor(
    'pendingUploadChanged',
    (e) => e.documentId === doc.documentId && e.state === 'conflict',
    RECOVERY_MS,
  );
  // Another save waits while Dropbox is away again; when it returns, only that one goes up: from here on,
  // news of the first document's upload would mean its text was sent again.
  bench.opus.events.clear();
  const other = await openFile('/Stand/later.txt', 'later\n', true);
  await offlineThenBack(other.documentId, 'later, offline\n');
  await bench.opus.events.waitFor(
    'pendingUploadChanged',
    (e) => e.documentId === other.documentId && e.state === 'uploaded',
    RECOVERY_MS,
  );
  expect(pendingNews(doc.documentId)).toEqual([]);
  expect((await bench.get('/Stand/again.txt')).toString()).toBe('one, theirs\n');
});
