import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { mergeText, saveText } from '../test-support/document-edits.ts';

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
  const typed = 'four, typed just before the reload\n';
  const mine = `${base}${typed}`;
  // The window's edit, made on the text it showed: the base the reload replaced.
  await bench.opus.call('editDocument', {
    documentId: doc.documentId,
    baseRev: doc.remote.rev,
    version: 2,
    change: { kind: 'edits', from: 1, edits: [{ at: base.length, remove: 0, insert: typed }] },
  });

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
  await bench.opus.call('editDocument', {
    documentId: doc.documentId,
    baseRev: changed.rev,
    version: 2,
    change: { kind: 'edits', from: 1, edits: [{ at: 'alpha\nbeta\n'.length, remove: 0, insert: 'gamma\n' }] },
  });
  expect(await saveText(bench.opus, doc.documentId, mine)).toMatchObject({
    kind: 'saved',
  });
  expect((await bench.get('/Race/after.txt')).toString()).toBe(mine);
});
