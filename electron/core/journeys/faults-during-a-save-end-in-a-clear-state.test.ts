import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FaultSettings } from '../../../localbox/index.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { saveText } from '../test-support/document-edits.ts';
import { eventually } from '../test-support/waiting.ts';

// Issue 7, "faults during save": whatever goes wrong on the way — a reset connection, 500s, a 429 with
// Retry-After, an access token that expires mid-session, Dropbox gone for a while — a save either lands
// after retrying or ends in a clear state (pending, with the text journaled), never twice, never as a
// second copy beside the file.

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

let round = 0;

/**
 * Opens a fresh file, injects `faults`, saves new text; returns what the save said and the file's story.
 * The faults hit the next requests of any route, so they are injected once the watcher of the new
 * folder is waiting in its longpoll: the save's own requests are then the next ones.
 */
async function saveThrough(faults: FaultSettings, { keepFaults = false } = {}) {
  const folder = `/Faults/${++round}`;
  const path = `${folder}/draft.txt`;
  const base = await bench.put(path, 'base\n');
  bench.takeCounts();
  const doc = await bench.opus.open(path);
  await bench.routeSeen('files/list_folder/longpoll');
  const text = `base\nsaved through ${JSON.stringify(faults)}\n`;
  bench.lb.box.injectFaults(faults);
  const started = Date.now();
  const result = await saveText(bench.opus, doc.documentId, text);
  const tookMs = Date.now() - started;
  if (!keepFaults) bench.lb.box.clearFaults();
  return { folder, path, base, doc, text, result, tookMs };
}

/** Exactly one new revision on top of the base, holding `text`, and no other file in the folder. */
async function expectSavedOnce(folder: string, path: string, baseRev: string, text: string) {
  expect((await bench.get(path)).toString()).toBe(text);
  const revisions = (await bench.other.filesListRevisions({ path })).result.entries;
  expect(revisions.map((r) => r.rev).slice(1)).toEqual([baseRev]);
  const names = (await bench.other.filesListFolder({ path: folder })).result.entries.map((e) => e.name);
  expect(names).toEqual(['draft.txt']);
}

test('a connection reset mid-upload is retried once and lands once', async () => {
  const { folder, path, base, text, result } = await saveThrough({ resetNext: 1 });
  expect(result.kind).toBe('saved');
  await expectSavedOnce(folder, path, base.rev, text);
});

test('a 500 is retried and lands once', async () => {
  const { folder, path, base, text, result } = await saveThrough({ failNext: 1 });
  expect(result.kind).toBe('saved');
  await expectSavedOnce(folder, path, base.rev, text);
});

test('a 429 waits exactly as long as Retry-After says, then lands once', async () => {
  const { folder, path, base, text, result, tookMs } = await saveThrough({
    rateLimitNext: 1,
    retryAfterSeconds: 1,
  });
  expect(result.kind).toBe('saved');
  expect(tookMs).toBeGreaterThanOrEqual(950);
  await expectSavedOnce(folder, path, base.rev, text);
});

test('an access token that expires mid-session is refreshed once and the save lands once', async () => {
  const { folder, path, base, text, result } = await saveThrough({ expireTokens: true });
  expect(result.kind).toBe('saved');
  await expectSavedOnce(folder, path, base.rev, text);
  expect(await bench.opus.call('getAccount', {})).toMatchObject({ signedIn: true });
});

test('a save that cannot get through ends pending with the text journaled, and lands once when Dropbox answers', async () => {
  const { folder, path, base, doc, text, result } = await saveThrough(
    { resetNext: 1000 },
    { keepFaults: true },
  );
  expect(result).toEqual({ kind: 'pending', reason: 'offline' });
  await eventually(async () => (await bench.journaled(doc.documentId)) === text, 3000, 'the text journaled');
  // Dropbox answers again: the waiting save goes up by itself, revision-checked, once.
  bench.lb.box.clearFaults();
  const uploaded = await bench.opus.events.waitFor(
    'pendingUploadChanged',
    (e) => e.documentId === doc.documentId && e.state === 'uploaded',
    15_000,
  );
  expect(uploaded.remote?.path).toBe(path);
  await expectSavedOnce(folder, path, base.rev, text);
  await eventually(async () => (await bench.journaled(doc.documentId)) === null, 3000, 'the journal cleared');
}, 30_000);
