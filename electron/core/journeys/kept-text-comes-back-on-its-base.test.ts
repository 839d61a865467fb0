import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, journaledTexts, startCoreBench } from '../test-support/core-bench.ts';
import { mergeText, saveText } from '../test-support/document-edits.ts';
import { eventually } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

test('a text the window kept, its file changed on Dropbox meanwhile, comes back on its base and goes to the conflict', async () => {
  const base = await bench.put('/Kept/moved.txt', 'alpha\n');
  // Typed in the window while the helper was stopped; meanwhile, another computer saved.
  const typed = 'alpha\nbeta, kept by the window\n';
  const theirs = await bench.put('/Kept/moved.txt', 'gamma, from elsewhere\nalpha\n');

  const restored = await bench.opus.call('restoreKeptText', {
    path: '/Kept/moved.txt',
    baseRev: base.rev,
    text: typed,
  });
  expect(restored).toMatchObject({
    snapshot: { text: 'alpha\n', remote: { rev: base.rev } },
    text: typed,
    remoteMoved: true,
  });
  // Main holds it now: a crash from here on brings it back from the journal.
  await eventually(
    async () => (await journaledTexts(bench.dataDir)).includes(typed),
    2000,
    'the kept text journaled',
  );

  const { documentId } = restored.snapshot;
  expect(await saveText(bench.opus, documentId, typed)).toMatchObject({
    kind: 'conflict',
    conflict: { baseRev: base.rev, remote: { rev: theirs.rev } },
  });
  // The merge works from the exact base the text was typed on: both sides' lines are kept.
  expect(await mergeText(bench.opus, documentId, typed)).toEqual({
    kind: 'clean',
    text: 'gamma, from elsewhere\nalpha\nbeta, kept by the window\n',
    remoteRev: theirs.rev,
    origins: [
      { origin: 'theirs', lines: 1 },
      { origin: 'unchanged', lines: 1 },
      { origin: 'mine', lines: 1 },
      { origin: 'unchanged', lines: 1 },
    ],
  });
});

test('a kept text whose file was deleted meanwhile still comes back, in conflict with the deletion', async () => {
  const base = await bench.put('/Kept/gone.txt', 'one\n');
  await bench.other.filesDeleteV2({ path: '/Kept/gone.txt' });
  const restored = await bench.opus.call('restoreKeptText', {
    path: '/Kept/gone.txt',
    baseRev: base.rev,
    text: 'one\ntwo\n',
  });
  expect(restored).toMatchObject({ text: 'one\ntwo\n', remoteMoved: true });
});
