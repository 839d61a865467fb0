import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { typeText } from '../test-support/document-edits.ts';
import { eventually } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

// Dropbox's timestamps have whole seconds: a revision made in another second is one the copy can be
// placed after or before.
const nextSecond = () => sleep(1100);

// Changed lines keep an unchanged one between them, so the merge takes each side's change on its own.
const lines = (...parts: string[]) => `${parts.join('\n-\n')}\n`;

/**
 * The original's history: r1, r2, then (from r2) a device's copy, then r3 and r4 by others. The copy
 * changed the last line; r3 and r4 changed the second and third.
 */
async function historyWithACopy(folder: string) {
  const original = `${folder}/magnum-opus.txt`;
  const copyPath = `${folder}/magnum-opus (Work laptop's conflicted copy 2026-11-30).txt`;
  await bench.put(original, lines('one', 'two', 'three', 'four'));
  await nextSecond();
  const r2 = await bench.put(original, lines('ONE', 'two', 'three', 'four'), { '.tag': 'overwrite' });
  await nextSecond();
  const copy = await bench.put(copyPath, lines('ONE', 'two', 'three', 'four, from the laptop'));
  await nextSecond();
  await bench.put(original, lines('ONE', 'TWO', 'three', 'four'), { '.tag': 'overwrite' });
  const r4 = await bench.put(original, lines('ONE', 'TWO', 'THREE', 'four'), { '.tag': 'overwrite' });
  return { original, copyPath, r2, copy, r4 };
}

describe("Dropbox's conflicted copy of an open document", () => {
  test('merges on the revision it diverged from, saves once over the original, and is deleted when asked', async () => {
    const { original, copyPath, r2, copy, r4 } = await historyWithACopy('/Copies');
    await bench.put("/Copies/other (Work laptop's conflicted copy 2026-11-30).txt", 'not ours\n');
    const doc = await bench.opus.open(original);

    const { copies } = await bench.opus.call('findConflictedCopies', { documentId: doc.documentId });
    expect(copies).toEqual([
      {
        file: expect.objectContaining({ path: copyPath, rev: copy.rev }),
        who: 'Work laptop',
        date: '2026-11-30',
      },
    ]);

    bench.takeCounts();
    const { merge, ancestor } = await bench.opus.call('mergeConflictedCopy', {
      documentId: doc.documentId,
      version: 0,
      copyPath,
    });
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({
      'files/download': 2,
      'files/list_revisions': 1,
    });
    expect(ancestor?.rev).toBe(r2.rev);
    expect(merge).toMatchObject({
      kind: 'clean',
      text: lines('ONE', 'TWO', 'THREE', 'four, from the laptop'),
      remoteRev: copy.rev,
    });
    if (merge.kind !== 'clean') throw new Error('expected a clean merge');

    const resolved = await bench.opus.call('resolveConflictedCopy', {
      documentId: doc.documentId,
      version: 0,
      copyPath,
      copyRev: copy.rev,
      text: merge.text,
    });
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/upload': 1 });
    expect(resolved).toMatchObject({ kind: 'saved', snapshot: { text: merge.text } });
    expect((await bench.get(original)).toString()).toBe(merge.text);
    const { entries } = await bench.other
      .filesListRevisions({ path: original, limit: 10 })
      .then((r) => r.result);
    expect(entries.map((entry) => entry.rev)).toContain(r4.rev);
    expect(entries).toHaveLength(5);

    bench.takeCounts();
    await bench.opus.call('deleteConflictedCopy', { documentId: doc.documentId, copyPath });
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/delete_v2': 1 });
    expect(
      (await bench.other.filesListFolder({ path: '/Copies' })).result.entries.map((e) => e.name),
    ).toEqual(expect.not.arrayContaining([expect.stringContaining('magnum-opus (Work')]));
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
  });

  test('nothing is deleted unless asked, nor before the merge is saved, nor once the copy changed', async () => {
    const { original, copyPath, copy } = await historyWithACopy('/Kept');
    const doc = await bench.opus.call('openDocument', { path: original });
    const copyExists = async () =>
      (await bench.other.filesGetMetadata({ path: copyPath }).catch(() => null)) !== null;

    await expect(
      bench.opus.call('deleteConflictedCopy', { documentId: doc.documentId, copyPath }),
    ).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(await copyExists()).toBe(true);

    const { merge } = await bench.opus.call('mergeConflictedCopy', {
      documentId: doc.documentId,
      version: 0,
      copyPath,
    });
    if (merge.kind !== 'clean') throw new Error('expected a clean merge');
    await bench.opus.call('resolveConflictedCopy', {
      documentId: doc.documentId,
      version: 0,
      copyPath,
      copyRev: copy.rev,
      text: merge.text,
    });
    // Not asked: the copy stays. Changed on the laptop since the merge: deleting it is refused.
    expect(await copyExists()).toBe(true);
    await bench.put(copyPath, 'edited again on the laptop\n', { '.tag': 'overwrite' });
    await expect(
      bench.opus.call('deleteConflictedCopy', { documentId: doc.documentId, copyPath }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(await copyExists()).toBe(true);
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
  });

  test('a merge over an original changed since meets the conflict instead of overwriting it', async () => {
    const { original, copyPath, copy } = await historyWithACopy('/Stale');
    const doc = await bench.opus.call('openDocument', { path: original });
    await typeText(bench.opus, doc.documentId, lines('typed here', 'ONE', 'TWO', 'THREE', 'four'));
    const { version } = bench.opus.editorOf(doc.documentId);
    const { merge } = await bench.opus.call('mergeConflictedCopy', {
      documentId: doc.documentId,
      version,
      copyPath,
    });
    // Mine is the editor's text, unsaved line included.
    expect(merge).toMatchObject({
      text: lines('typed here', 'ONE', 'TWO', 'THREE', 'four, from the laptop'),
    });
    if (merge.kind !== 'clean') throw new Error('expected a clean merge');
    const newer = await bench.put(original, 'written elsewhere meanwhile\n', { '.tag': 'overwrite' });

    const resolved = await bench.opus.call('resolveConflictedCopy', {
      documentId: doc.documentId,
      version,
      copyPath,
      copyRev: copy.rev,
      text: merge.text,
    });
    expect(resolved).toMatchObject({ kind: 'conflict', remote: { rev: newer.rev } });
    expect((await bench.get(original)).toString()).toBe('written elsewhere meanwhile\n');
    // The document is as it was: the editor's text, on its rev, so its own save meets the conflict.
    expect(await bench.opus.call('getRevisionText', { path: original, rev: newer.rev })).toMatchObject({
      text: 'written elsewhere meanwhile\n',
    });
    const { rev } = bench.opus.editorOf(doc.documentId);
    expect(rev).toBe(doc.remote.rev);
    const saved = await bench.opus.call('saveDocument', {
      documentId: doc.documentId,
      version,
      baseRev: rev,
    });
    expect(saved).toMatchObject({ kind: 'conflict' });
    await expect(
      bench.opus.call('deleteConflictedCopy', { documentId: doc.documentId, copyPath }),
    ).rejects.toMatchObject({ kind: 'invalid_request' });
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
  });

  test('the window hears of a copy that appears beside an open document', async () => {
    await bench.put('/Live/draft.md', 'hello\n');
    const doc = await bench.opus.open('/Live/draft.md');
    await bench.routeSeen('files/list_folder/longpoll');
    bench.opus.events.clear();
    await bench.put("/Live/draft (Ada's conflicted copy 2026-12-01).md", 'hello from Ada\n');
    await eventually(() => bench.opus.events.of('conflictedCopiesChanged').length > 0);
    expect(bench.opus.events.of('conflictedCopiesChanged')).toEqual([
      {
        documentId: doc.documentId,
        copies: [expect.objectContaining({ who: 'Ada', date: '2026-12-01' })],
      },
    ]);
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
  });
});
