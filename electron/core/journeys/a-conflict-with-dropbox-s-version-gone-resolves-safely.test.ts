import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { mergeText, resolveWith, saveText, typeText } from '../test-support/document-edits.ts';
import { pause } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

const BASE = 'one\ntwo\nthree\n';
const MINE = 'one (mine)\ntwo\nthree\n';
const NOTHING_TO_MERGE =
  'The Dropbox version no longer exists, so there is nothing to merge with. Save to recreate it.';
const NOTHING_TO_TAKE = 'The Dropbox version was deleted; there is nothing to take.';
// A one-pixel PNG: what another computer may put where a text file was.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A document open here, its file then deleted on the other computer. */
async function openThenDeletedElsewhere(path: string) {
  const created = await bench.put(path, BASE);
  const { documentId } = await bench.opus.open(path);
  await bench.other.filesDeleteV2({ path });
  return { documentId, created };
}

const exists = async (path: string) =>
  (await bench.other.filesGetMetadata({ path }).catch(() => null)) !== null;

/** Where the window last heard the document stands. */
const lastState = (documentId: string) =>
  bench.opus.events
    .of('documentStateChanged')
    .filter((e) => e.documentId === documentId)
    .at(-1);

/** After the journal's debounce: what it keeps for the document. */
async function journaledSoon(documentId: string): Promise<string | null> {
  await pause(120);
  return bench.journaled(documentId);
}

describe('a conflict whose Dropbox version was deleted', () => {
  test('Merge has nothing to merge with, Take theirs nothing to take; my text stays, and Keep mine recreates the file', async () => {
    const path = '/Gone/after-save.txt';
    const { documentId } = await openThenDeletedElsewhere(path);
    expect(await saveText(bench.opus, documentId, MINE)).toMatchObject({
      kind: 'conflict',
      conflict: { remote: null, remoteText: null },
    });

    await expect(mergeText(bench.opus, documentId, MINE)).rejects.toMatchObject({
      kind: 'not_found',
      message: `not_found: ${NOTHING_TO_MERGE}`,
    });
    await expect(resolveWith(bench.opus, documentId, 'take_theirs', MINE)).rejects.toMatchObject({
      kind: 'not_found',
      message: `not_found: ${NOTHING_TO_TAKE}`,
    });
    // Neither answer changed anything: my text is still unsaved, and nothing is on Dropbox.
    expect(await journaledSoon(documentId)).toBe(MINE);
    expect(await exists(path)).toBe(false);

    const kept = await resolveWith(bench.opus, documentId, 'keep_mine', MINE);
    expect(kept).toMatchObject({ kind: 'saved', remote: { path } });
    expect((await bench.get(path)).toString()).toBe(MINE);
    expect(await journaledSoon(documentId)).toBeNull();
  });

  test('Save mine as a copy answers it: the document is clean on its base, and the next save meets the deletion anew', async () => {
    const path = '/Gone/copied.txt';
    const { documentId, created } = await openThenDeletedElsewhere(path);
    expect((await saveText(bench.opus, documentId, MINE)).kind).toBe('conflict');
    bench.opus.events.clear();

    const copied = await resolveWith(bench.opus, documentId, 'save_copy', MINE);
    if (copied.kind !== 'copied') throw new Error(`expected a copy, got ${copied.kind}`);
    expect((await bench.get(copied.copy.path)).toString()).toBe(MINE);
    expect(copied.snapshot).toMatchObject({ text: BASE, remote: { rev: created.rev } });
    // No conflict left to answer: the window shows the base it had, saved, with no other side.
    expect(lastState(documentId)).toEqual({
      documentId,
      phase: 'clean',
      dirty: false,
      version: null,
      remote: expect.objectContaining({ path, rev: created.rev }),
    });
    expect(await journaledSoon(documentId)).toBeNull();
    expect(await exists(path)).toBe(false);

    // Typed on and saved: Dropbox is asked again (not the old answer replayed), and says the file is gone.
    const more = `${BASE}four\n`;
    bench.takeCounts();
    expect(await saveText(bench.opus, documentId, more)).toMatchObject({
      kind: 'conflict',
      conflict: { baseRev: created.rev, remote: null, remoteText: null, myChanges: 1 },
    });
    expect(bench.takeCounts({ withoutWatcher: true })).toMatchObject({ 'files/upload': 1 });
    expect(lastState(documentId)).toMatchObject({ phase: 'conflict', dirty: true, theirs: null });
    expect(await exists(path)).toBe(false);
    expect(await resolveWith(bench.opus, documentId, 'keep_mine', more)).toMatchObject({ kind: 'saved' });
    expect((await bench.get(path)).toString()).toBe(more);
  });

  test('from the live banner, before any save: Merge finds the file gone and the window hears it was deleted', async () => {
    const path = '/Gone/banner.txt';
    const { documentId } = await openThenDeletedElsewhere(path);
    await typeText(bench.opus, documentId, MINE);
    bench.opus.events.clear();

    await expect(mergeText(bench.opus, documentId, MINE)).rejects.toMatchObject({
      kind: 'not_found',
      message: `not_found: ${NOTHING_TO_MERGE}`,
    });
    // The document is in conflict with the deletion: the banner says "deleted on Dropbox".
    expect(bench.opus.events.of('documentStateChanged').at(-1)).toMatchObject({
      documentId,
      phase: 'conflict',
      theirs: null,
    });
    // Saving now shows that conflict instead of quietly recreating the file.
    expect(await saveText(bench.opus, documentId, MINE)).toMatchObject({
      kind: 'conflict',
      conflict: { remote: null, remoteText: null },
    });
    expect(await exists(path)).toBe(false);
    expect(await resolveWith(bench.opus, documentId, 'keep_mine', MINE)).toMatchObject({ kind: 'saved' });
    expect((await bench.get(path)).toString()).toBe(MINE);
  });
});

describe('a conflict whose Dropbox version is no longer text', () => {
  test('Merge and Take theirs refuse; a copy keeps my text and the editor goes back to its base', async () => {
    const path = '/Gone/now-an-image.txt';
    const created = await bench.put(path, BASE);
    const { documentId } = await bench.opus.open(path);
    const image = await bench.put(path, PNG);
    expect(await saveText(bench.opus, documentId, MINE)).toMatchObject({
      kind: 'conflict',
      conflict: { remote: { rev: image.rev }, remoteText: null },
    });

    // Not "deleted": the file is there, it is just not text.
    await expect(mergeText(bench.opus, documentId, MINE)).rejects.toMatchObject({
      kind: 'binary_file',
      message: expect.stringContaining('not text any more, so there is nothing to merge with'),
    });
    await expect(resolveWith(bench.opus, documentId, 'take_theirs', MINE)).rejects.toMatchObject({
      kind: 'binary_file',
      message: expect.stringContaining('not text any more, so there is nothing to take'),
    });
    expect((await bench.get(path)).equals(PNG)).toBe(true);
    expect(await journaledSoon(documentId)).toBe(MINE);

    const copied = await resolveWith(bench.opus, documentId, 'save_copy', MINE);
    if (copied.kind !== 'copied') throw new Error(`expected a copy, got ${copied.kind}`);
    expect((await bench.get(copied.copy.path)).toString()).toBe(MINE);
    // Not the image as text: the editor shows the base it had, on the rev it came from.
    expect(copied.snapshot).toMatchObject({ text: BASE, remote: { rev: created.rev } });
    expect(lastState(documentId)).toMatchObject({ phase: 'clean', dirty: false });
    expect((await bench.get(path)).equals(PNG)).toBe(true);
    expect(await journaledSoon(documentId)).toBeNull();
  });

  test('from the live banner, the failed lookup surfaces as itself, not as a deletion', async () => {
    const path = '/Gone/banner-image.txt';
    await bench.put(path, BASE);
    const { documentId } = await bench.opus.open(path);
    await typeText(bench.opus, documentId, MINE);
    await bench.put(path, PNG);
    bench.opus.events.clear();

    await expect(mergeText(bench.opus, documentId, MINE)).rejects.toMatchObject({ kind: 'binary_file' });
    // No conflict was entered on a guess: my text is still simply unsaved.
    expect(bench.opus.events.of('documentStateChanged').map((e) => e.phase)).not.toContain('conflict');
    expect(await journaledSoon(documentId)).toBe(MINE);
    expect((await bench.get(path)).equals(PNG)).toBe(true);
  });
});
