import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { JournalEntry } from '../journal/journal-entry.ts';
import { peekJournal } from '../journal/read-journal.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { typeText } from '../test-support/document-edits.ts';
import { eventually } from '../test-support/waiting.ts';

// Unsaved text is journaled with the file it belongs to: its path and the rev it is based on
// (document-state.ts). When Dropbox moves that file while the text is unsaved, the journal follows, so
// what comes back after a crash is reopened where the file is now, on the right rev.

let bench: CoreBench;
beforeEach(async () => {
  bench = await startCoreBench();
});
afterEach(() => bench.stop());

/** The journal entry of a document as the next start would read it. */
async function journaled(documentId: string): Promise<JournalEntry | undefined> {
  const root = join(bench.dataDir, 'journal');
  for (const account of await readdir(root).catch(() => [] as string[]))
    for (const entry of await peekJournal(join(root, account)))
      if (entry.documentId === documentId) return entry;
  return undefined;
}

async function openAndType(path: string, base: string, text: string) {
  await bench.put(path, base);
  const doc = await bench.opus.open(path);
  await bench.routeSeen('files/list_folder/longpoll');
  await typeText(bench.opus, doc.documentId, text);
  return doc;
}

/** The crash: the core is dropped as it is, and the next start offers what the journal kept. */
async function restoredAfterCrash(path: string) {
  const next = await bench.restart();
  const restored = await next.call('getRestoredDocuments', {});
  return { next, back: restored.find((r) => r.snapshot.remote.path === path) };
}

test('a new rev of the same bytes under unsaved text: after a crash the text is back on it, and saves', async () => {
  const path = '/Follow/same.txt';
  const mine = 'one\ntwo, unsaved\n';
  const doc = await openAndType(path, 'one\n', mine);
  const again = (await bench.other.filesRestore({ path, rev: doc.remote.rev })).result;
  expect(again.rev).not.toBe(doc.remote.rev);
  await eventually(async () => (await journaled(doc.documentId))?.baseRev === again.rev, 3000, 'the new rev');

  const { next, back } = await restoredAfterCrash(path);
  expect(back).toMatchObject({ text: mine, remoteMoved: false, snapshot: { remote: { rev: again.rev } } });
  // Nothing else changed on Dropbox: the save lands, no conflict.
  const saved = await next.call('saveDocument', {
    documentId: doc.documentId,
    version: 1,
    baseRev: again.rev,
  });
  expect(saved.kind).toBe('saved');
  expect((await bench.get(path)).toString()).toBe(mine);
});

test('a file edited elsewhere and moved under unsaved text: after a crash the text is back at its new path', async () => {
  const mine = 'one\ntwo (mine)\n';
  const doc = await openAndType('/Follow/draft.txt', 'one\ntwo\n', mine);
  await bench.put('/Follow/draft.txt', 'one\ntwo (theirs)\n');
  await bench.other.filesMoveV2({ from_path: '/Follow/draft.txt', to_path: '/Follow/renamed.txt' });
  await bench.opus.events.waitFor(
    'remoteChanged',
    (e) => e.documentId === doc.documentId && e.change === 'moved',
  );
  await eventually(
    async () => (await journaled(doc.documentId))?.path === '/Follow/renamed.txt',
    3000,
    'the new path in the journal',
  );

  const { back } = await restoredAfterCrash('/Follow/renamed.txt');
  // Still on the rev my text was typed on, so the next save meets their edit instead of replacing it.
  expect(back).toMatchObject({
    text: mine,
    remoteMoved: true,
    snapshot: { remote: { rev: doc.remote.rev } },
  });
});

test('Save with Encoding of an unchanged document while offline is journaled in that encoding until it goes up', async () => {
  const path = '/Follow/encoding.txt';
  await bench.put(path, 'Grüße\n');
  const doc = await bench.opus.open(path);
  await bench.routeSeen('files/list_folder/longpoll');
  await bench.localboxDown();
  try {
    const answer = await bench.opus.call('saveDocument', {
      documentId: doc.documentId,
      version: 1,
      baseRev: doc.remote.rev,
      encoding: { encoding: 'utf-16le', bom: true },
    });
    expect(answer).toEqual({ kind: 'pending', reason: 'offline' });
    // The text is Dropbox's own, but the file is not yet written as asked: a crash now must not lose that.
    await eventually(
      async () => (await journaled(doc.documentId))?.format.encoding === 'utf-16le',
      3000,
      'the chosen encoding in the journal',
    );
    expect(await journaled(doc.documentId)).toMatchObject({
      text: 'Grüße\n',
      baseRev: doc.remote.rev,
      format: { encoding: 'utf-16le', bom: true },
    });
  } finally {
    await bench.localboxUp();
  }
  await bench.opus.events.waitFor(
    'pendingUploadChanged',
    (e) => e.documentId === doc.documentId && e.state === 'uploaded',
    10_000,
  );
  expect(await bench.get(path)).toEqual(
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße\n', 'utf16le')]),
  );
  await eventually(async () => (await journaled(doc.documentId)) === undefined, 3000, 'the journal cleared');
});
