import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import type { CoreHandle } from '../test-support/core-handle.ts';
import { resolveWith, saveText } from '../test-support/document-edits.ts';

// The user answers a conflict with Keep mine while Dropbox cannot be reached: the text waits
// (offline-saves-wait-and-upload-when-dropbox-returns covers the wait itself). When Dropbox answers
// again, it is sent against the rev the user compared with, not the one the document was opened at: the
// choice is not asked for twice, and a file changed once more meanwhile is still never overwritten.

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

// The watcher retries 0.5–1 s after losing Dropbox (offline-saves-wait-and-upload-when-dropbox-returns).
const RECOVERY_MS = 10_000;
const BASE = 'one\ntwo\nthree\n';
const THEIRS = 'one\ntwo\nthree (theirs)\n';
const MINE = 'one (mine)\ntwo\nthree\n';

/** A document open on `opus`, changed on the other computer, then saved there: the conflict is shown. */
async function inConflict(opus: CoreHandle, path: string) {
  const created = await bench.put(path, BASE);
  const { documentId } = await opus.open(path);
  const theirs = await bench.put(path, THEIRS);
  expect(await saveText(opus, documentId, MINE)).toMatchObject({
    kind: 'conflict',
    conflict: { remote: { rev: theirs.rev } },
  });
  return { documentId, created, theirs };
}

/** Keep mine, answered offline: the text waits, and the window shows it waiting. */
async function keepMineOffline(opus: CoreHandle, documentId: string, text = MINE) {
  expect(await resolveWith(opus, documentId, 'keep_mine', text)).toEqual({
    kind: 'pending',
    reason: 'offline',
  });
  expect(lastState(opus, documentId)).toMatchObject({ phase: 'pending_upload' });
}

/** The outcome of the wait: Dropbox took the text, or it met a conflict. */
const waitEnded = (opus: CoreHandle, documentId: string) =>
  opus.events.waitFor(
    'pendingUploadChanged',
    (e) => e.documentId === documentId && e.state !== 'pending',
    RECOVERY_MS,
  );

/** Where the window last heard the document stands. */
const lastState = (opus: CoreHandle, documentId: string) =>
  opus.events
    .of('documentStateChanged')
    .filter((e) => e.documentId === documentId)
    .at(-1);

const revsOf = async (path: string) =>
  (await bench.other.filesListRevisions({ path })).result.entries.map((entry) => entry.rev);

test('Keep mine while Dropbox is away lands over the rev the user compared with once it answers', async () => {
  const path = '/Chosen/keep.txt';
  const { documentId, created, theirs } = await inConflict(bench.opus, path);
  await bench.localboxDown();
  bench.opus.events.clear();
  await keepMineOffline(bench.opus, documentId);
  await bench.localboxUp();

  const uploaded = await waitEnded(bench.opus, documentId);
  expect(uploaded).toEqual({ documentId, state: 'uploaded', remote: expect.objectContaining({ path }) });
  expect((await bench.get(path)).toString()).toBe(MINE);
  // Revision-checked against theirs: mine follows it, nothing was skipped over.
  expect(await revsOf(path)).toEqual([uploaded.remote?.rev, theirs.rev, created.rev]);
  expect(lastState(bench.opus, documentId)).toMatchObject({
    phase: 'clean',
    dirty: false,
    remote: { rev: uploaded.remote?.rev },
  });
  await bench.opus.call('closeDocument', { documentId });
});

test('Keep mine of a file deleted on Dropbox, answered offline, recreates it once Dropbox answers', async () => {
  const path = '/Chosen/deleted.txt';
  await bench.put(path, BASE);
  const { documentId } = await bench.opus.open(path);
  await bench.other.filesDeleteV2({ path });
  expect(await saveText(bench.opus, documentId, MINE)).toMatchObject({
    kind: 'conflict',
    conflict: { remote: null },
  });
  await bench.localboxDown();
  bench.opus.events.clear();
  await keepMineOffline(bench.opus, documentId);
  await bench.localboxUp();

  expect(await waitEnded(bench.opus, documentId)).toMatchObject({ state: 'uploaded' });
  expect((await bench.get(path)).toString()).toBe(MINE);
  expect(lastState(bench.opus, documentId)).toMatchObject({ phase: 'clean', dirty: false });
  await bench.opus.call('closeDocument', { documentId });
});

describe('with only this computer cut off, so the other one writes meanwhile', () => {
  /** What this computer cannot reach: all of Dropbox, its uploads only, or nothing. */
  let cut: 'everything' | 'uploads' | null = null;
  let opus: CoreHandle;
  beforeAll(async () => {
    const cutOff = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (cut === null || (cut === 'uploads' && !url.includes('/2/files/upload'))) return fetch(input, init);
      const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      throw Object.assign(new TypeError('fetch failed'), { cause: refused });
    }) as typeof fetch;
    opus = await bench.restart({ fetch: cutOff });
  });

  test('a Keep mine waiting while Dropbox moved on again meets the conflict, and nothing is overwritten', async () => {
    const path = '/Chosen/again.txt';
    const { documentId } = await inConflict(opus, path);
    cut = 'everything';
    opus.events.clear();
    await keepMineOffline(opus, documentId);
    const again = await bench.put(path, 'one\ntwo\nthree (theirs, again)\n');
    cut = null;

    expect(await waitEnded(opus, documentId)).toEqual({
      documentId,
      state: 'conflict',
      remote: expect.objectContaining({ rev: again.rev }),
    });
    expect((await bench.get(path)).toString()).toBe('one\ntwo\nthree (theirs, again)\n');
    expect(lastState(opus, documentId)).toMatchObject({ phase: 'conflict', theirs: { rev: again.rev } });
    // My text is still there to answer the new conflict with.
    expect(await resolveWith(opus, documentId, 'keep_mine', MINE)).toMatchObject({ kind: 'saved' });
    expect((await bench.get(path)).toString()).toBe(MINE);
    await opus.call('closeDocument', { documentId });
  });

  test('typed on and saved again while still cut off, the newer text lands over the rev the user chose', async () => {
    const path = '/Chosen/typed-on.txt';
    const { documentId, theirs } = await inConflict(opus, path);
    cut = 'everything';
    opus.events.clear();
    await keepMineOffline(opus, documentId);
    const more = `${MINE}four\n`;
    expect(await saveText(opus, documentId, more)).toEqual({ kind: 'pending', reason: 'offline' });
    cut = null;

    const uploaded = await waitEnded(opus, documentId);
    expect(uploaded).toMatchObject({ state: 'uploaded' });
    expect((await bench.get(path)).toString()).toBe(more);
    expect((await revsOf(path)).slice(0, 2)).toEqual([uploaded.remote?.rev, theirs.rev]);
    await opus.call('closeDocument', { documentId });
  });

  test('a save waiting while its file was renamed on Dropbox lands under the new name', async () => {
    const path = '/Renamed/old-name.txt';
    await bench.put(path, BASE);
    bench.takeCounts();
    const { documentId } = await opus.open(path);
    await bench.routeSeen('files/list_folder/longpoll');
    cut = 'uploads';
    opus.events.clear();
    expect(await saveText(opus, documentId, MINE)).toEqual({ kind: 'pending', reason: 'offline' });
    const renamed = '/Renamed/new-name.txt';
    await bench.other.filesMoveV2({ from_path: path, to_path: renamed });
    await opus.events.waitFor('remoteChanged', (e) => e.documentId === documentId && e.change === 'moved');
    // A retry already on its way when the rename was heard still names the old file: let one fail first.
    opus.events.clear();
    await opus.events.waitFor(
      'pendingUploadChanged',
      (e) => e.documentId === documentId && e.state === 'pending',
      RECOVERY_MS,
    );
    cut = null;

    // The rename gave the same content a new rev: the wait follows it instead of meeting a conflict.
    const uploaded = await waitEnded(opus, documentId);
    expect(uploaded).toMatchObject({ state: 'uploaded', remote: { path: renamed } });
    expect((await bench.get(renamed)).toString()).toBe(MINE);
    await opus.call('closeDocument', { documentId });
  });
});
