import { afterAll, beforeAll, expect, test } from 'vitest';
import { contentHash } from '../dropbox/content-hash.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { saveText, saveTextAs } from '../test-support/document-edits.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

test('signing in through the browser shows the account', async () => {
  expect(bench.browser.opened).toHaveLength(1);
  expect(await bench.opus.call('getAccount', {})).toEqual({
    signedIn: true,
    account: expect.objectContaining({
      displayName: 'Ada Lovelace',
      email: 'ada@example.org',
      provider: 'localbox',
    }),
  });
  // Only the encrypted refresh token is kept: it opens with the cipher, localbox takes it, and its
  // plain text (however long localbox makes it) is nowhere in the store.
  expect(bench.store.values.size).toBe(1);
  const kept = [...bench.store.values.values()].join('\n');
  const { refreshToken: sealed } = JSON.parse(kept) as { refreshToken: string };
  const token = await bench.cipher.decrypt(sealed);
  const account = await bench.lb.client({ refreshToken: token }).usersGetCurrentAccount();
  expect(account.result.email).toBe('ada@example.org');
  expect(kept).not.toContain(token);
});

test('opening a document costs one request, and saving it one more', async () => {
  const put = await bench.put('/Costs/draft.txt', 'Chapter 1\nIt was a dark night.\n');
  bench.takeCounts();
  const doc = await bench.opus.open('/costs/DRAFT.txt');
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/download': 1 });
  expect(doc.text).toBe('Chapter 1\nIt was a dark night.\n');
  expect(doc.remote).toMatchObject({ path: '/Costs/draft.txt', rev: put.rev, contentHash: put.content_hash });
  expect(doc.format).toEqual({ encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: true });

  const text = 'Chapter 1\nIt was a dark and stormy night.\n';
  bench.opus.events.clear();
  const saved = await saveText(bench.opus, doc.documentId, text);
  await bench.watcherCaughtUp();
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/upload': 1 });
  // The watcher saw the new rev too: it was our own save, so no banner and no reload; the window only
  // hears that the document is clean on the new rev.
  expect(bench.opus.events.names().filter((name) => name !== 'documentStateChanged')).toEqual([]);
  expect(bench.opus.events.of('documentStateChanged').at(-1)).toMatchObject({
    documentId: doc.documentId,
    phase: 'clean',
    dirty: false,
  });
  expect(saved.kind).toBe('saved');
  if (saved.kind !== 'saved') return;
  expect(saved.remote.rev).not.toBe(put.rev);
  expect(saved.remote.contentHash).toBe(contentHash(Buffer.from(text)));
  expect((await bench.get('/Costs/draft.txt')).toString('utf8')).toBe(text);

  // Saving again what Dropbox already has costs nothing and changes nothing.
  bench.takeCounts();
  const again = await saveText(bench.opus, doc.documentId, text);
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
  expect(again).toEqual(saved);
  const meta = (await bench.other.filesGetMetadata({ path: '/Costs/draft.txt' })).result;
  expect(meta).toMatchObject({ rev: saved.remote.rev, content_hash: saved.remote.contentHash });
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});

test('a document opened and saved unchanged keeps its content_hash, with no request', async () => {
  const put = await bench.put('/Costs/untouched.txt', 'same\r\nbytes\r\n');
  const doc = await bench.opus.open('/Costs/untouched.txt');
  bench.takeCounts();
  const saved = await saveText(bench.opus, doc.documentId, doc.text);
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
  expect(saved).toEqual({
    kind: 'saved',
    remote: expect.objectContaining({ rev: put.rev, contentHash: put.content_hash }),
    format: { encoding: 'utf-8', bom: false, lineEnding: 'crlf', finalNewline: true },
  });
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});

test('the same file opened twice (two windows) is two documents, each opened in one request', async () => {
  await bench.put('/Costs/twice.txt', 'once\n');
  const first = await bench.opus.open('/Costs/twice.txt');
  bench.takeCounts();
  const second = await bench.opus.open('/costs/twice.TXT');
  // Each is checked against the rev its window saw, as two computers would be (document-state.test.ts).
  expect(second.documentId).not.toBe(first.documentId);
  expect(second.remote.rev).toBe(first.remote.rev);
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/download': 1 });
  await bench.opus.call('closeDocument', { documentId: first.documentId });
  await bench.opus.call('closeDocument', { documentId: second.documentId });
});

test('a file that is not there, a bad path, or an unknown document answer with a kind', async () => {
  expect(await bench.opus.envelope('openDocument', { path: '/Costs/nothing-here.txt' })).toMatchObject({
    ok: false,
    error: { kind: 'not_found' },
  });
  expect(await bench.opus.envelope('openDocument', { path: 'no-slash.txt' })).toMatchObject({
    ok: false,
    error: { kind: 'invalid_request' },
  });
  expect(
    await bench.opus.envelope('saveDocument', { documentId: 'gone', version: 1, baseRev: '0123456789' }),
  ).toMatchObject({ ok: false, error: { kind: 'not_found' } });
});

test('Save As writes a new file in one request, and the document follows it there', async () => {
  await bench.put('/Costs/original.txt', 'original\n');
  await bench.put('/Costs/Elsewhere/taken.txt', 'taken\n');
  const doc = await bench.opus.open('/Costs/original.txt');
  // A path that is taken is a conflict, so the window can ask before replacing it.
  await expect(
    saveTextAs(bench.opus, doc.documentId, '/Costs/Elsewhere/taken.txt', 'mine\n'),
  ).rejects.toMatchObject({ kind: 'conflict' });
  expect((await bench.get('/Costs/Elsewhere/taken.txt')).toString()).toBe('taken\n');

  bench.takeCounts();
  const saved = await saveTextAs(
    bench.opus,
    doc.documentId,
    '/Costs/Elsewhere/copy.txt',
    'original, saved as\n',
  );
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/upload': 1 });
  expect(saved).toMatchObject({ kind: 'saved', remote: { path: '/Costs/Elsewhere/copy.txt' } });
  expect((await bench.get('/Costs/original.txt')).toString()).toBe('original\n');
  expect((await bench.get('/Costs/Elsewhere/copy.txt')).toString()).toBe('original, saved as\n');

  // Saves now go to the new file, and the watcher follows it to its folder.
  const next = await saveText(bench.opus, doc.documentId, 'original, saved as, again\n');
  expect(next).toMatchObject({ kind: 'saved', remote: { path: '/Costs/Elsewhere/copy.txt' } });
  await bench.routeSeen('files/list_folder/longpoll');
  bench.opus.events.clear();
  await bench.put('/Costs/Elsewhere/copy.txt', 'changed elsewhere\n');
  const reloaded = await bench.opus.events.waitFor(
    'documentReloaded',
    (e) => e.snapshot.documentId === doc.documentId,
  );
  expect(reloaded.snapshot.text).toBe('changed elsewhere\n');

  // With overwrite, replacing a taken path is the user's choice.
  const replaced = await saveTextAs(
    bench.opus,
    doc.documentId,
    '/Costs/Elsewhere/taken.txt',
    'replaced on purpose\n',
    { overwrite: true },
  );
  expect(replaced.kind).toBe('saved');
  expect((await bench.get('/Costs/Elsewhere/taken.txt')).toString()).toBe('replaced on purpose\n');
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});
