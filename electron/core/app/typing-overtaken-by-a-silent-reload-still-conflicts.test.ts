import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, mergeText, saveText, startCoreBench } from './test-kit.ts';

// A clean document reloads silently when Dropbox's copy changes. But the window tells main about typing
// only a moment later: a keystroke made just before the reload reaches main after it. That text is based
// on the version the reload replaced, and saving it over the new one would drop the other computer's
// change without anyone seeing it. The window sends the rev its text is based on; main puts the old
// base back, so the save meets the conflict and the merge sees both sides.

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

async function reloadedUnderneath(path: string, base: string, theirs: string) {
  await bench.put(path, base);
  bench.takeCounts();
  const doc = await bench.opus.open(path);
  await bench.routeSeen('files/list_folder/longpoll');
  bench.opus.events.clear();
  const changed = await bench.put(path, theirs);
  const reloaded = await bench.opus.events.waitFor(
    'documentReloaded',
    (e) => e.snapshot.documentId === doc.documentId,
  );
  expect(reloaded.snapshot).toMatchObject({ text: theirs, remote: { rev: changed.rev } });
  return { doc, changed };
}

test('typing sent after a silent reload, based on the replaced rev, goes to the conflict and merges both', async () => {
  const base = 'one\ntwo\nthree\n';
  const theirs = 'one, from the other computer\ntwo\nthree\n';
  const { doc, changed } = await reloadedUnderneath('/Race/late.txt', base, theirs);
  const mine = `${base}four, typed just before the reload\n`;
  await bench.opus.call('noteEdit', { documentId: doc.documentId, text: mine, baseRev: doc.remote.rev });

  const saved = await saveText(bench.opus, doc.documentId, mine);
  expect(saved).toMatchObject({
    kind: 'conflict',
    conflict: { baseRev: doc.remote.rev, remote: { rev: changed.rev }, remoteText: theirs },
  });
  // Nothing was overwritten, and the merge keeps both computers' lines.
  expect((await bench.get('/Race/late.txt')).toString()).toBe(theirs);
  const merged = await mergeText(bench.opus, doc.documentId, mine);
  expect(merged).toMatchObject({
    kind: 'clean',
    text: 'one, from the other computer\ntwo\nthree\nfour, typed just before the reload\n',
  });
});

test('typing based on the reloaded version is simply saved on top of it', async () => {
  const { doc, changed } = await reloadedUnderneath('/Race/after.txt', 'alpha\n', 'alpha\nbeta\n');
  const mine = 'alpha\nbeta\ngamma\n';
  await bench.opus.call('noteEdit', { documentId: doc.documentId, text: mine, baseRev: changed.rev });
  expect(await saveText(bench.opus, doc.documentId, mine)).toMatchObject({
    kind: 'saved',
  });
  expect((await bench.get('/Race/after.txt')).toString()).toBe(mine);
});
