import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FaultSettings } from '../../../localbox/index.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import type { CoreHandle } from '../test-support/core-handle.ts';
import { saveText } from '../test-support/document-edits.ts';

// A write that Dropbox committed but whose answer never arrived (the connection dropped in between):
// the gateway's retry meets `update(<base rev>)` refused, because the rev moved — to our own write. The
// content_hash tells it apart from someone else's change, so the save is adopted: no false conflict,
// no second revision, no copy beside the file. Both ways a save goes up: one files/upload, and an
// upload session (start → append → finish) whose finish loses its answer.

const MiB = 1024 * 1024;

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

async function saveLosingTheAnswer(core: CoreHandle, path: string, text: string, faults: FaultSettings) {
  const base = await bench.put(path, 'base\n');
  const doc = await core.open(path);
  bench.takeCounts();
  bench.lb.box.injectFaults(faults);
  const result = await saveText(core, doc.documentId, text);
  bench.lb.box.clearFaults();
  return { base, doc, result, requests: bench.takeCounts({ withoutWatcher: true }) };
}

async function expectOneNewRevision(path: string, baseRev: string, text: string) {
  expect((await bench.get(path)).toString()).toBe(text);
  const revisions = (await bench.other.filesListRevisions({ path })).result.entries;
  expect(revisions.map((r) => r.rev).slice(1)).toEqual([baseRev]);
  const folder = path.slice(0, path.lastIndexOf('/'));
  const names = (await bench.other.filesListFolder({ path: folder })).result.entries.map((e) => e.name);
  expect(names).toEqual([path.slice(path.lastIndexOf('/') + 1)]);
}

test('a files/upload committed before its answer was lost is adopted, not shown as a conflict', async () => {
  const path = '/Lost/plain/draft.txt';
  const text = 'base\nsaved, and the answer lost on the way back\n';
  const { base, result, requests } = await saveLosingTheAnswer(bench.opus, path, text, {
    loseAnswerNext: 1,
    loseAnswerRoute: 'files/upload',
  });
  expect(result).toMatchObject({ kind: 'saved' });
  await expectOneNewRevision(path, base.rev, text);
  // The retry, refused, then one look at the file: no download, so no conflict was ever prepared.
  expect(requests).toEqual({ 'files/upload': 2, 'files/get_metadata': 1 });
});

test('an upload session whose finish committed before its answer was lost is adopted, once', async () => {
  const path = '/Lost/session/draft.txt';
  const text = `base\n${'a line of a long document, past the session threshold\n'.repeat(50_000)}`;
  const sessions = await bench.restart({
    gateway: { uploadSessionThreshold: 1 * MiB, uploadChunkBytes: 4 * MiB, retry: { baseDelayMs: 5 } },
  });
  const { base, result, requests } = await saveLosingTheAnswer(sessions, path, text, {
    loseAnswerNext: 1,
    loseAnswerRoute: 'files/upload_session/finish',
  });
  expect(result).toMatchObject({ kind: 'saved' });
  await expectOneNewRevision(path, base.rev, text);
  expect(requests).toEqual({
    'files/upload_session/start': 1,
    'files/upload_session/finish': 2,
    'files/get_metadata': 1,
  });
}, 30_000);
