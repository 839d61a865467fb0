import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CommandRequest } from '../../common/contract/commands.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import type { CoreHandle } from '../test-support/core-handle.ts';
import { saveText, typeText } from '../test-support/document-edits.ts';

// The edit loop and the document's state, as a window meets them: edits travel as edits, main's copy is
// what a save uploads, main says when the text is clean again, and every save names the rev its text is
// based on, so no window can save over a version it never saw.

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

type Change = CommandRequest<'editDocument'>['change'];

/** The window's edit call, as the page makes it. */
function edit(opus: CoreHandle, documentId: string, baseRev: string, version: number, change: Change) {
  return opus.call('editDocument', { documentId, baseRev, version, change });
}

const insert = (from: number, at: number, text: string): Change => ({
  kind: 'edits',
  from,
  edits: [{ at, remove: 0, insert: text }],
});

test('undoing back to the saved text makes the document clean again, and its journal goes', async () => {
  await bench.put('/State/undo.txt', 'one\ntwo\n');
  const doc = await bench.opus.open('/State/undo.txt');
  const rev = doc.remote.rev;
  expect(await edit(bench.opus, doc.documentId, rev, 2, insert(1, 4, 'X'))).toEqual({
    applied: true,
    dirty: true,
  });
  expect(await bench.journaled(doc.documentId)).toBe('one\nXtwo\n');
  // Undo: the edit that takes the X out again.
  const undo: Change = { kind: 'edits', from: 2, edits: [{ at: 4, remove: 1, insert: '' }] };
  expect(await edit(bench.opus, doc.documentId, rev, 3, undo)).toEqual({ applied: true, dirty: false });
  const news = bench.opus.events.of('documentStateChanged').filter((e) => e.documentId === doc.documentId);
  expect(news.at(-1)).toMatchObject({ phase: 'clean', dirty: false, version: 3 });
  expect(news.some((e) => e.dirty && e.version === 2)).toBe(true);
  expect(await bench.journaled(doc.documentId)).toBeNull();
});

test('edits from a version main never had are refused, and the whole text puts main right', async () => {
  await bench.put('/State/resync.txt', 'abc\n');
  const doc = await bench.opus.open('/State/resync.txt');
  const rev = doc.remote.rev;
  expect(await edit(bench.opus, doc.documentId, rev, 5, insert(4, 0, '1'))).toMatchObject({ applied: true });
  // The page lost an answer: its next edits start from a version main does not hold.
  expect(await edit(bench.opus, doc.documentId, rev, 9, insert(8, 0, '2'))).toMatchObject({ applied: false });
  // Or from one it holds, but reaching outside the text.
  expect(await edit(bench.opus, doc.documentId, rev, 6, insert(5, 99, '2'))).toMatchObject({
    applied: false,
  });
  expect(await edit(bench.opus, doc.documentId, rev, 9, { kind: 'text', text: '21abc\n' })).toEqual({
    applied: true,
    dirty: true,
  });
  const saved = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: 9,
    baseRev: rev,
  });
  expect(saved).toMatchObject({ kind: 'saved' });
  expect((await bench.get('/State/resync.txt')).toString()).toBe('21abc\n');
});

test('a CR in an edit or a whole text is refused by name, and main keeps the text it had', async () => {
  // Monaco's model is LF-only: a CR can only come from a client that would shift every offset after it.
  await bench.put('/State/cr.txt', 'abc\n');
  const doc = await bench.opus.open('/State/cr.txt');
  const rev = doc.remote.rev;
  for (const change of [insert(1, 3, 'x\r\ny'), { kind: 'text', text: 'abc\r\n' } as Change]) {
    const answer = await bench.opus.envelope('editDocument', {
      documentId: doc.documentId,
      baseRev: rev,
      version: 2,
      change,
    });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(answer.ok ? '' : answer.error.message).toMatch(/CR/);
  }
  expect(await edit(bench.opus, doc.documentId, rev, 2, insert(1, 3, '!'))).toEqual({
    applied: true,
    dirty: true,
  });
  await bench.opus.call('saveDocument', { documentId: doc.documentId, version: 2, baseRev: rev });
  expect((await bench.get('/State/cr.txt')).toString()).toBe('abc!\n');
});

test('a save of a version main does not hold is refused, and nothing is uploaded', async () => {
  await bench.put('/State/ahead.txt', 'abc\n');
  const doc = await bench.opus.open('/State/ahead.txt');
  await edit(bench.opus, doc.documentId, doc.remote.rev, 2, insert(1, 0, 'x'));
  const answer = await bench.opus.envelope('saveDocument', {
    documentId: doc.documentId,
    version: 3,
    baseRev: doc.remote.rev,
  });
  expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
  expect((await bench.get('/State/ahead.txt')).toString()).toBe('abc\n');
});

test('a save right after a silent reload, of edits made on the replaced text, meets the conflict', async () => {
  await bench.put('/State/reloaded.txt', 'one\ntwo\n');
  const doc = await bench.opus.open('/State/reloaded.txt');
  await bench.routeSeen('files/list_folder/longpoll');
  const theirs = await bench.put('/State/reloaded.txt', 'one\ntwo, theirs\n');
  await bench.opus.events.waitFor('documentReloaded', (e) => e.snapshot.documentId === doc.documentId);
  // Typed on the text the window still showed, then Save at once: edits and save name the old rev.
  await edit(bench.opus, doc.documentId, doc.remote.rev, 2, insert(1, 8, 'three\n'));
  const saved = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: 2,
    baseRev: doc.remote.rev,
  });
  expect(saved).toMatchObject({
    kind: 'conflict',
    conflict: { baseRev: doc.remote.rev, remote: { rev: theirs.rev }, remoteText: 'one\ntwo, theirs\n' },
  });
  expect((await bench.get('/State/reloaded.txt')).toString()).toBe('one\ntwo, theirs\n');
});

test('two windows on one file are two documents: the later save of an older rev meets the conflict', async () => {
  await bench.put('/State/two.txt', 'Line one\nLine two\n');
  const a = await bench.opus.open('/State/two.txt');
  const b = await bench.opus.open('/State/two.txt');
  expect(b.documentId).not.toBe(a.documentId);
  await typeText(bench.opus, a.documentId, 'Line one\nLine two\nFrom tab A.\n');
  expect(await saveText(bench.opus, b.documentId, 'From tab B. Line one\nLine two\n')).toMatchObject({
    kind: 'saved',
  });
  const stale = await bench.opus.call('saveDocument', {
    documentId: a.documentId,
    version: bench.opus.editorOf(a.documentId).version,
    baseRev: a.remote.rev,
  });
  expect(stale).toMatchObject({
    kind: 'conflict',
    conflict: { remoteText: 'From tab B. Line one\nLine two\n' },
  });
  expect((await bench.get('/State/two.txt')).toString()).toBe('From tab B. Line one\nLine two\n');
});

test('two pages on one document: a save from the page still on the old rev meets the conflict', async () => {
  await bench.put('/State/pages.txt', 'Line one\nLine two\n');
  const doc = await bench.opus.open('/State/pages.txt');
  const rev = doc.remote.rev;
  // Page A types at the end.
  await edit(bench.opus, doc.documentId, rev, 2, insert(1, 18, 'From page A.'));
  // Page B, whose model main never had, puts its whole text in and saves it: the document moves to rev 2.
  await edit(bench.opus, doc.documentId, rev, 7, { kind: 'text', text: 'From page B. Line one\nLine two\n' });
  const fromB = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: 7,
    baseRev: rev,
  });
  expect(fromB).toMatchObject({ kind: 'saved' });
  // Page A still shows rev 1: its whole text, then its save, both name rev 1.
  await edit(bench.opus, doc.documentId, rev, 8, { kind: 'text', text: 'Line one\nLine two\nFrom page A.' });
  const stale = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: 8,
    baseRev: rev,
  });
  expect(stale).toMatchObject({
    kind: 'conflict',
    conflict: { remoteText: 'From page B. Line one\nLine two\n' },
  });
  expect((await bench.get('/State/pages.txt')).toString()).toBe('From page B. Line one\nLine two\n');
});

test('a new rev of the same content moves the rev the window shows, with no banner', async () => {
  await bench.put('/State/same.txt', 'same\n');
  const doc = await bench.opus.open('/State/same.txt');
  await bench.routeSeen('files/list_folder/longpoll');
  bench.opus.events.clear();
  // Restoring the current rev makes a new rev of the same bytes.
  const again = (await bench.other.filesRestore({ path: '/State/same.txt', rev: doc.remote.rev })).result;
  expect(again.rev).not.toBe(doc.remote.rev);
  const news = await bench.opus.events.waitFor(
    'documentStateChanged',
    (e) => e.documentId === doc.documentId && e.remote.rev === again.rev,
    5000,
  );
  expect(news).toMatchObject({ phase: 'clean', dirty: false });
  expect(bench.opus.events.of('remoteChanged')).toEqual([]);
  expect(bench.opus.events.of('documentReloaded')).toEqual([]);
});
