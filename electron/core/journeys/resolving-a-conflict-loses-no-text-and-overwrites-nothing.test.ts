import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import type { CoreHandle } from '../test-support/core-handle.ts';
import { resolveWith, saveText } from '../test-support/document-edits.ts';
import { pause } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

const BASE = 'one\ntwo\nthree\n';
const THEIRS = 'one\ntwo\nthree (theirs)\n';
const MINE = 'one (mine)\ntwo\nthree\n';

/** A document open on `opus`, changed on the other computer, then saved here: the conflict is shown. */
async function inConflict(path: string, opus: CoreHandle = bench.opus) {
  await bench.put(path, BASE);
  const { documentId } = await opus.open(path);
  const theirs = await bench.put(path, THEIRS);
  expect((await saveText(opus, documentId, MINE)).kind).toBe('conflict');
  return { documentId, theirs };
}

/** After the journal's debounce: what it keeps for the document. */
async function journaledSoon(documentId: string): Promise<string | null> {
  await pause(120);
  return bench.journaled(documentId);
}

/** The texts Take theirs kept in the local history for files named `name`. */
async function historyOf(name: string): Promise<string[]> {
  const folder = join(bench.dataDir, 'history');
  const files = (await readdir(folder).catch(() => [] as string[])).filter((file) => file.endsWith(name));
  return Promise.all(files.map((file) => readFile(join(folder, file), 'utf8')));
}

const namesIn = async (folder: string) =>
  (await bench.other.filesListFolder({ path: folder })).result.entries.map((entry) => entry.name).sort();

describe('resolving a conflict', () => {
  // When Dropbox answers again the text lands (keep-mine-while-offline-lands-when-dropbox-returns).
  test('while Dropbox cannot be reached is taken offline: my text waits, kept in the journal', async () => {
    const path = '/Offline/keep.txt';
    const { documentId } = await inConflict(path);
    await bench.localboxDown();
    try {
      expect(await resolveWith(bench.opus, documentId, 'keep_mine', MINE)).toEqual({
        kind: 'pending',
        reason: 'offline',
      });
      expect(await journaledSoon(documentId)).toBe(MINE);
    } finally {
      await bench.localboxUp();
    }
  });

  test('Take theirs keeps my text in the local history only when it differs from what I opened', async () => {
    const { documentId } = await inConflict('/History/kept.txt');
    await resolveWith(bench.opus, documentId, 'take_theirs', MINE);
    expect(await historyOf('kept.txt')).toEqual([MINE]);

    // Typed back to what was opened: there is nothing of mine to keep.
    const again = await inConflict('/History/unchanged.txt');
    const taken = await resolveWith(bench.opus, again.documentId, 'take_theirs', BASE);
    expect(taken).toMatchObject({ kind: 'reloaded', snapshot: { text: THEIRS } });
    expect(await historyOf('unchanged.txt')).toEqual([]);
  });

  test('a reviewed merge sent without its text is refused, and the conflict stays to be answered', async () => {
    const path = '/Merged/no-text.txt';
    const { documentId } = await inConflict(path);
    bench.takeCounts();
    const answer = await bench.opus.envelope('resolveConflict', {
      documentId,
      resolution: 'use_merged',
      version: bench.opus.editorOf(documentId).version,
    });
    expect(answer).toEqual({
      ok: false,
      error: expect.objectContaining({
        kind: 'invalid_request',
        message: 'A reviewed merge needs its text.',
      }),
    });
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
    expect((await bench.get(path)).toString()).toBe(THEIRS);
    expect(await journaledSoon(documentId)).toBe(MINE);
    expect((await saveText(bench.opus, documentId, MINE)).kind).toBe('conflict');
  });
});

describe('Save mine as a copy, when another computer takes the copy’s name first', () => {
  /** The other computer writes `text` at the copy's name just after Opus found that name free. */
  let writeFirst: string | null = null;
  let core: CoreHandle;
  beforeAll(async () => {
    const racing = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const answer = await fetch(input, init);
      const text = writeFirst;
      if (text !== null && url.endsWith('/2/files/get_metadata') && answer.status === 409) {
        const { path } = JSON.parse(String(init?.body)) as { path: string };
        if (path.includes('conflicted copy')) {
          writeFirst = null;
          await bench.put(path, text, { '.tag': 'add' });
        }
      }
      return answer;
    }) as typeof fetch;
    core = await bench.restart({ fetch: racing });
  });

  /** A conflict whose copy goes up anew (my text was edited after the prompt, so no kept bytes fit). */
  async function copyRaced(folder: string, theirCopy: string) {
    const { documentId } = await inConflict(`${folder}/doc.txt`, core);
    writeFirst = theirCopy;
    const edited = `${MINE}four\n`;
    const answer = await resolveWith(core, documentId, 'save_copy', edited).catch((error: unknown) => error);
    return { documentId, edited, answer };
  }

  test('their copy is not overwritten and no “(2)” name is made up; asking again takes the next free name', async () => {
    const { documentId, edited, answer } = await copyRaced('/Race', 'the laptop’s copy\n');
    expect(answer).toMatchObject({ kind: 'conflict' });
    const [theirCopy] = (await namesIn('/Race')).filter((name) => name !== 'doc.txt');
    expect(await namesIn('/Race')).toEqual(['doc.txt', theirCopy].sort());
    expect((await bench.get(`/Race/${theirCopy}`)).toString()).toBe('the laptop’s copy\n');
    expect((await bench.get('/Race/doc.txt')).toString()).toBe(THEIRS);

    const copied = await resolveWith(core, documentId, 'save_copy', edited);
    if (copied.kind !== 'copied') throw new Error(`expected a copy, got ${copied.kind}`);
    expect(copied.copy.path).toBe(`/Race/${theirCopy?.replace(').txt', ' 2).txt')}`);
    expect((await bench.get(copied.copy.path)).toString()).toBe(edited);
  });

  test('a copy there already with my very bytes is still not taken for mine', async () => {
    const edited = `${MINE}four\n`;
    const { answer } = await copyRaced('/Same', edited);
    expect(answer).toMatchObject({ kind: 'conflict' });
    const [theirCopy] = (await namesIn('/Same')).filter((name) => name !== 'doc.txt');
    const revisions = await bench.other.filesListRevisions({ path: `/Same/${theirCopy}` });
    expect(revisions.result.entries).toHaveLength(1);
  });
});
