import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { mergeText, resolveWith, saveText, typeText } from '../test-support/document-edits.ts';
import { pause } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

const BASE = 'one\ntwo\nthree\nfour\nfive\nsix\n';

/** A document opened here, then changed on the other computer: the next save here is stale. */
async function openThenChangedElsewhere(path: string, theirs: string | null, base = BASE) {
  const created = await bench.put(path, base);
  const doc = await bench.opus.open(path);
  const changed = theirs === null ? null : await bench.put(path, theirs);
  if (theirs === null) await bench.other.filesDeleteV2({ path });
  bench.takeCounts();
  bench.opus.events.clear();
  return { doc, created, changed, documentId: doc.documentId };
}

/** What the window does: the typed text is noted (and journaled), then saved. */
async function typeAndSave(documentId: string, text: string) {
  await typeText(bench.opus, documentId, text);
  return saveText(bench.opus, documentId, text);
}

/** After the journal's debounce: what it keeps for the document (null once nothing is unsaved). */
async function journaledSoon(documentId: string): Promise<string | null> {
  await pause(120);
  return bench.journaled(documentId);
}

describe('a save against a rev Dropbox has moved past', () => {
  test('answers with the conflict: Dropbox’s text and rev, and how much I changed', async () => {
    const theirs = 'one\ntwo\nthree (theirs)\nfour\nfive\nsix\n';
    const { documentId, created, changed } = await openThenChangedElsewhere('/Stale/plain.txt', theirs);
    const mine = 'one (mine)\ntwo\nthree\nfour\nfive\nsix (mine)\n';
    const answer = await saveText(bench.opus, documentId, mine);
    expect(answer).toEqual({
      kind: 'conflict',
      conflict: {
        documentId,
        baseRev: created.rev,
        remote: expect.objectContaining({
          rev: changed?.rev,
          contentHash: changed?.content_hash,
          path: '/Stale/plain.txt',
        }),
        remoteText: theirs,
        myChanges: 2,
      },
    });
    // The refused upload, then one download of Dropbox's version for the prompt.
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/upload': 1, 'files/download': 1 });
    expect((await bench.get('/Stale/plain.txt')).toString()).toBe(theirs);

    // While the conflict is open, saving again shows it again and uploads nothing.
    bench.takeCounts();
    const again = await saveText(bench.opus, documentId, `${mine}more\n`, { confirmed: true });
    expect(again.kind).toBe('conflict');
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
    expect((await bench.get('/Stale/plain.txt')).toString()).toBe(theirs);
  });

  test('is no conflict when Dropbox already has exactly my text: its rev is adopted silently', async () => {
    const same = 'one\ntwo\nthree and the same edit\nfour\nfive\nsix\n';
    const { documentId, changed } = await openThenChangedElsewhere('/Stale/same.txt', same);
    const answer = await saveText(bench.opus, documentId, same);
    expect(answer).toEqual({
      kind: 'saved',
      remote: expect.objectContaining({ rev: changed?.rev }),
      format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: true },
    });
    expect(
      bench.opus.events
        .of('remoteChanged')
        .filter((e) => e.documentId === documentId && e.change !== 'modified'),
    ).toEqual([]);
    // The next save goes against that rev and lands.
    const next = await saveText(bench.opus, documentId, `${same}seven\n`);
    expect(next.kind).toBe('saved');
    expect((await bench.get('/Stale/same.txt')).toString()).toBe(`${same}seven\n`);
  });

  test('is a conflict when Dropbox has other bytes of the very same length; Keep mine then writes mine exactly', async () => {
    // Only the content_hash tells these apart: same length, other bytes.
    const theirs = 'theirs\n';
    const mine = 'mine!!\n';
    expect(Buffer.byteLength(mine)).toBe(Buffer.byteLength(theirs));
    const path = '/Stale/same-length.txt';
    const { documentId, changed } = await openThenChangedElsewhere(path, theirs, 'draft\n');
    const answer = await saveText(bench.opus, documentId, mine);
    expect(answer).toMatchObject({
      kind: 'conflict',
      conflict: { remote: { rev: changed?.rev }, remoteText: theirs, myChanges: 1 },
    });
    expect((await bench.get(path)).equals(Buffer.from(theirs))).toBe(true);
    const kept = await resolveWith(bench.opus, documentId, 'keep_mine', mine);
    expect(kept).toMatchObject({ kind: 'saved', remote: { path } });
    expect((await bench.get(path)).equals(Buffer.from(mine))).toBe(true);
    const revisions = (await bench.other.filesListRevisions({ path })).result.entries;
    expect(revisions[1]?.rev).toBe(changed?.rev);
  });

  test('on a file deleted meanwhile is a conflict with no Dropbox version; Keep mine recreates it', async () => {
    const { documentId } = await openThenChangedElsewhere('/Stale/deleted.txt', null);
    const mine = `${BASE}seven\n`;
    const answer = await saveText(bench.opus, documentId, mine);
    expect(answer).toMatchObject({
      kind: 'conflict',
      conflict: { remote: null, remoteText: null, myChanges: 1 },
    });
    const kept = await resolveWith(bench.opus, documentId, 'keep_mine', mine);
    expect(kept).toMatchObject({ kind: 'saved', remote: { path: '/Stale/deleted.txt' } });
    expect((await bench.get('/Stale/deleted.txt')).toString()).toBe(mine);
    const next = await saveText(bench.opus, documentId, `${mine}eight\n`);
    expect(next.kind).toBe('saved');
  });
});

describe('resolving the conflict', () => {
  test('Keep mine uploads against the rev just shown, and lands', async () => {
    const theirs = `${BASE}theirs\n`;
    const { documentId, changed } = await openThenChangedElsewhere('/Resolve/keep.txt', theirs);
    const mine = `mine\n${BASE}`;
    const conflict = await typeAndSave(documentId, mine);
    expect(conflict.kind).toBe('conflict');
    expect(await journaledSoon(documentId)).toBe(mine);
    bench.takeCounts();
    const kept = await resolveWith(bench.opus, documentId, 'keep_mine', mine);
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/upload': 1 });
    expect(kept).toMatchObject({ kind: 'saved' });
    if (kept.kind !== 'saved') return;
    expect(kept.remote.rev).not.toBe(changed?.rev);
    expect((await bench.get('/Resolve/keep.txt')).toString()).toBe(mine);
    // The revision before mine is theirs: Keep mine replaced exactly what was compared.
    const revisions = (await bench.other.filesListRevisions({ path: '/Resolve/keep.txt' })).result.entries;
    expect(revisions.map((r) => r.rev).slice(0, 2)).toEqual([kept.remote.rev, changed?.rev]);
    expect(await journaledSoon(documentId)).toBeNull();
  });

  test('Keep mine after Dropbox moved again meanwhile is a conflict again, not an overwrite', async () => {
    const { documentId } = await openThenChangedElsewhere('/Resolve/moved-again.txt', `${BASE}theirs 1\n`);
    const mine = `mine\n${BASE}`;
    await typeAndSave(documentId, mine);
    const newest = await bench.put('/Resolve/moved-again.txt', `${BASE}theirs 2\n`);
    const kept = await resolveWith(bench.opus, documentId, 'keep_mine', mine);
    expect(kept).toEqual({ kind: 'conflict', remote: expect.objectContaining({ rev: newest.rev }) });
    expect((await bench.get('/Resolve/moved-again.txt')).toString()).toBe(`${BASE}theirs 2\n`);
    expect(await journaledSoon(documentId)).toBe(mine);
    // The prompt now shows the newest version; keeping mine against it lands.
    const shown = await saveText(bench.opus, documentId, mine);
    expect(shown).toMatchObject({
      kind: 'conflict',
      conflict: { remote: { rev: newest.rev }, remoteText: `${BASE}theirs 2\n` },
    });
    const second = await resolveWith(bench.opus, documentId, 'keep_mine', mine);
    expect(second.kind).toBe('saved');
    expect((await bench.get('/Resolve/moved-again.txt')).toString()).toBe(mine);
  });

  test('Take theirs reloads Dropbox’s text and keeps mine in the local history', async () => {
    const theirs = `${BASE}theirs\n`;
    const { documentId, changed } = await openThenChangedElsewhere('/Resolve/take.txt', theirs);
    const mine = `precious words of mine\n${BASE}`;
    await typeAndSave(documentId, mine);
    bench.takeCounts();
    const taken = await resolveWith(bench.opus, documentId, 'take_theirs', mine);
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
    expect(taken).toEqual({
      kind: 'reloaded',
      snapshot: expect.objectContaining({
        documentId,
        text: theirs,
        remote: expect.objectContaining({ rev: changed?.rev }),
      }),
    });
    expect((await bench.get('/Resolve/take.txt')).toString()).toBe(theirs);
    const history = join(bench.dataDir, 'history');
    const kept = (await readdir(history)).filter((name) => name.endsWith('take.txt'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(history, kept[0] as string), 'utf8')).toBe(mine);
    expect(await journaledSoon(documentId)).toBeNull();
    // The document is clean and on theirs: the next save goes against their rev.
    const next = await saveText(bench.opus, documentId, `${theirs}more\n`);
    expect(next.kind).toBe('saved');
  });

  test('Save mine as a copy writes Dropbox-style “conflicted copy” from the bytes Dropbox kept', async () => {
    const theirs = `${BASE}theirs\n`;
    const { documentId, changed } = await openThenChangedElsewhere('/Resolve/magnum-opus.txt', theirs);
    const mine = `my version\n${BASE}`;
    await typeAndSave(documentId, mine);
    bench.takeCounts();
    const copied = await resolveWith(bench.opus, documentId, 'save_copy', mine);
    const counts = bench.takeCounts({ withoutWatcher: true });
    // Committed from the refused upload Dropbox kept: no second upload of the bytes.
    expect(counts['files/upload_session/finish']).toBe(1);
    expect(counts['files/upload']).toBeUndefined();
    expect(counts['files/upload_session/start']).toBeUndefined();
    const now = new Date();
    const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
      .map((n) => String(n).padStart(2, '0'))
      .join('-');
    const copyPath = `/Resolve/magnum-opus (Ada's conflicted copy ${day}).txt`;
    expect(copied).toEqual({
      kind: 'copied',
      copy: expect.objectContaining({ path: copyPath }),
      snapshot: expect.objectContaining({
        text: theirs,
        remote: expect.objectContaining({ rev: changed?.rev }),
      }),
    });
    expect((await bench.get(copyPath)).toString()).toBe(mine);
    expect((await bench.get('/Resolve/magnum-opus.txt')).toString()).toBe(theirs);
    expect(await journaledSoon(documentId)).toBeNull();
  });

  test('a copy of text edited after the prompt holds the edited text, not the refused bytes', async () => {
    const { documentId } = await openThenChangedElsewhere('/Resolve/edited-after.txt', `${BASE}theirs\n`);
    await saveText(bench.opus, documentId, `mine A\n${BASE}`);
    // Same length, other words: the bytes Dropbox kept are not what the user wants copied any more.
    const edited = `mine B\n${BASE}`;
    bench.takeCounts();
    const copied = await resolveWith(bench.opus, documentId, 'save_copy', edited);
    if (copied.kind !== 'copied') throw new Error(`expected a copy, got ${copied.kind}`);
    expect((await bench.get(copied.copy.path)).toString()).toBe(edited);
    expect(bench.takeCounts({ withoutWatcher: true })['files/upload']).toBe(1);
  });

  test('a second conflicted copy on the same day gets the next free name', async () => {
    const now = new Date();
    const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
      .map((n) => String(n).padStart(2, '0'))
      .join('-');
    const { documentId } = await openThenChangedElsewhere('/Resolve/twice.md', `${BASE}theirs\n`);
    await bench.put(`/Resolve/twice (Ada's conflicted copy ${day}).md`, 'an earlier copy\n');
    await saveText(bench.opus, documentId, `mine\n${BASE}`);
    const copied = await resolveWith(bench.opus, documentId, 'save_copy', `mine\n${BASE}`);
    expect(copied).toMatchObject({ copy: { path: `/Resolve/twice (Ada's conflicted copy ${day} 2).md` } });
    expect((await bench.get(`/Resolve/twice (Ada's conflicted copy ${day}).md`)).toString()).toBe(
      'an earlier copy\n',
    );
  });
});

describe('merging', () => {
  test('edits that do not overlap merge cleanly and save against Dropbox’s new rev', async () => {
    const theirs = 'one\ntwo\nthree\nfour\nfive\nsix (theirs)\n';
    const { documentId, changed } = await openThenChangedElsewhere('/Merge/clean.txt', theirs);
    const mine = 'one (mine)\ntwo\nthree\nfour\nfive\nsix\n';
    expect((await saveText(bench.opus, documentId, mine)).kind).toBe('conflict');
    const merged = await mergeText(bench.opus, documentId, mine);
    const expected = 'one (mine)\ntwo\nthree\nfour\nfive\nsix (theirs)\n';
    expect(merged).toEqual({
      kind: 'clean',
      text: expected,
      // Line by line, whose change each merged line is: the review marks them.
      origins: [
        { origin: 'mine', lines: 1 },
        { origin: 'unchanged', lines: 4 },
        { origin: 'theirs', lines: 1 },
        { origin: 'unchanged', lines: 1 },
      ],
      remoteRev: changed?.rev,
    });
    bench.takeCounts();
    const saved = await resolveWith(bench.opus, documentId, 'use_merged', expected);
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({ 'files/upload': 1 });
    expect(saved.kind).toBe('saved');
    expect((await bench.get('/Merge/clean.txt')).toString()).toBe(expected);
    const revisions = (await bench.other.filesListRevisions({ path: '/Merge/clean.txt' })).result.entries;
    expect(revisions[1]?.rev).toBe(changed?.rev);
  });

  test('overlapping edits come back as hunks to choose from, never merged silently', async () => {
    const theirs = 'one\ntwo\nthree (theirs)\nfour\nfive\nsix\n';
    const { documentId, changed } = await openThenChangedElsewhere('/Merge/overlap.txt', theirs);
    const mine = 'one\ntwo\nthree (mine)\nfour\nfive\nsix\n';
    await typeAndSave(documentId, mine);
    const merged = await mergeText(bench.opus, documentId, mine);
    expect(merged).toEqual({
      kind: 'conflicted',
      remoteRev: changed?.rev,
      hunks: [
        { kind: 'same', text: 'one\ntwo\n', origin: 'unchanged' },
        {
          kind: 'conflict',
          id: expect.any(Number),
          line: 3,
          base: 'three\n',
          mine: 'three (mine)\n',
          theirs: 'three (theirs)\n',
        },
        // Hunk texts end every line in "\n", the file's last (empty) line too: joined, one "\n" is dropped.
        { kind: 'same', text: 'four\nfive\nsix\n\n', origin: 'unchanged' },
      ],
    });
    // Nothing was written by asking for the merge.
    expect((await bench.get('/Merge/overlap.txt')).toString()).toBe(theirs);
    // The user picks both lines in the merge view; main joins the hunks into the text to save.
    if (merged.kind !== 'conflicted') throw new Error('expected hunks');
    const conflict = merged.hunks.find((hunk) => hunk.kind === 'conflict');
    const { text: chosen } = await bench.opus.call('applyMergeChoices', {
      hunks: merged.hunks,
      choices: { [String(conflict?.kind === 'conflict' ? conflict.id : -1)]: 'both' },
    });
    expect(chosen).toBe('one\ntwo\nthree (mine)\nthree (theirs)\nfour\nfive\nsix\n');
    expect(
      await bench.opus.envelope('applyMergeChoices', { hunks: merged.hunks, choices: {} }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalid_request' },
    });
    const saved = await resolveWith(bench.opus, documentId, 'use_merged', chosen);
    expect(saved.kind).toBe('saved');
    expect((await bench.get('/Merge/overlap.txt')).toString()).toBe(chosen);
    // The merge is saved: nothing unsaved is left to offer after a crash, not even my side of it.
    expect(await journaledSoon(documentId)).toBeNull();
  });

  test('the same edit made on both sides merges cleanly', async () => {
    const theirs = 'one\ntwo (fixed)\nthree\nfour\nfive\nsix\n';
    const { documentId, changed } = await openThenChangedElsewhere('/Merge/same-edit.txt', theirs);
    const mine = 'one\ntwo (fixed)\nthree\nfour\nfive\nsix\nseven\n';
    await saveText(bench.opus, documentId, mine);
    const merged = await mergeText(bench.opus, documentId, mine);
    expect(merged).toMatchObject({ kind: 'clean', text: mine, remoteRev: changed?.rev });
    expect(merged.kind === 'clean' && merged.origins[1]).toEqual({ origin: 'both', lines: 1 });
  });

  test('from the live banner, before any save, merge fetches Dropbox’s version itself', async () => {
    const theirs = 'one\ntwo\nthree\nfour\nfive\nsix (theirs)\n';
    const { documentId, changed } = await openThenChangedElsewhere('/Merge/banner.txt', theirs);
    const mine = 'one (mine)\ntwo\nthree\nfour\nfive\nsix\n';
    await typeText(bench.opus, documentId, mine);
    const merged = await mergeText(bench.opus, documentId, mine);
    expect(merged).toMatchObject({ kind: 'clean', remoteRev: changed?.rev });
    if (merged.kind !== 'clean') return;
    const saved = await resolveWith(bench.opus, documentId, 'use_merged', merged.text);
    expect(saved.kind).toBe('saved');
    expect((await bench.get('/Merge/banner.txt')).toString()).toBe(
      'one (mine)\ntwo\nthree\nfour\nfive\nsix (theirs)\n',
    );
  });
});
