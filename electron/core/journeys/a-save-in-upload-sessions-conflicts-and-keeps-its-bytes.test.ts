import { afterAll, beforeAll, expect, test } from 'vitest';
import { contentHash } from '../dropbox/content-hash.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import type { CoreHandle } from '../test-support/core-handle.ts';
import { resolveWith, saveText } from '../test-support/document-edits.ts';

// Above the gateway's session threshold (150 MiB by default; lowered here to 1 MiB, with 4 MiB chunks)
// a save is upload_session start → append → finish instead of one files/upload. The revision check,
// the conflict prompt and "Save mine as a copy" must hold there too, and every byte must arrive.

const MiB = 1024 * 1024;

let bench: CoreBench;
let core: CoreHandle;
beforeAll(async () => {
  bench = await startCoreBench();
  core = await bench.restart({ gateway: { uploadSessionThreshold: 1 * MiB, uploadChunkBytes: 4 * MiB } });
});
afterAll(() => bench.stop());

const isContinuationByte = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

/**
 * About 9 MiB of lines of two-, three- and four-byte characters, shifted so that a character is cut by
 * the end of each 4 MiB chunk: the encoder must carry its last bytes into the next chunk.
 */
function largeLines(): string[] {
  const line = (i: number) => `${String(i).padStart(6, '0')} café ☕ naïve 😀 façade — words\n`;
  const lines: string[] = [];
  for (let i = 0, bytes = 0; bytes < 9 * MiB; i++) {
    lines.push(line(i));
    bytes += Buffer.byteLength(line(i));
  }
  for (let shift = 0; shift < 64; shift++) {
    const shifted = ['x'.repeat(shift) + lines[0], ...lines.slice(1)];
    const bytes = Buffer.from(shifted.join(''));
    if (isContinuationByte(bytes[4 * MiB]) && isContinuationByte(bytes[8 * MiB])) return shifted;
  }
  throw new Error('no shift puts a character across both chunk ends');
}

/** The lines with line `index` edited, keeping its length in bytes (so the chunk ends still cut characters). */
const editLine = (lines: string[], index: number) =>
  lines.map((line, i) => (i === index ? line.replace('words', 'WORDS') : line));

test('a stale save sent in upload sessions is a conflict, and Dropbox keeps its bytes', async () => {
  const path = '/Large/stale.txt';
  const lines = largeLines();
  const base = lines.join('');
  const theirs = editLine(lines, 10).join('');
  const mine = editLine(lines, lines.length - 10).join('');
  await bench.put(path, base);
  const doc = await core.open(path);
  expect(doc.text.length).toBe(base.length);
  const changed = await bench.put(path, theirs);
  bench.takeCounts();

  const answer = await saveText(core, doc.documentId, mine);
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({
    'files/upload_session/start': 1,
    'files/upload_session/append_v2': 1,
    'files/upload_session/finish': 1,
    'files/download': 1,
  });
  if (answer.kind !== 'conflict') throw new Error(`expected the conflict, got ${answer.kind}`);
  expect(answer.conflict).toMatchObject({
    baseRev: doc.remote.rev,
    remote: { rev: changed.rev, contentHash: changed.content_hash },
    myChanges: 1,
  });
  expect(answer.conflict.remoteText === theirs).toBe(true);
  expect((await bench.get(path)).equals(Buffer.from(theirs))).toBe(true);
  const revisions = (await bench.other.filesListRevisions({ path })).result.entries;
  expect(revisions[0]?.rev).toBe(changed.rev);
});

test('Save mine as a copy of a save sent in upload sessions holds exactly my bytes; the next save lands whole', async () => {
  const path = '/Large/copied.txt';
  const lines = largeLines();
  const theirs = editLine(lines, 10).join('');
  const mine = editLine(lines, lines.length - 10).join('');
  await bench.put(path, lines.join(''));
  const doc = await core.open(path);
  await bench.put(path, theirs);
  expect((await saveText(core, doc.documentId, mine)).kind).toBe('conflict');

  const copied = await resolveWith(core, doc.documentId, 'save_copy', mine);
  if (copied.kind !== 'copied') throw new Error(`expected a copy, got ${copied.kind}`);
  expect(copied.copy.path).toMatch(/^\/Large\/copied \(Ada's conflicted copy \d{4}-\d\d-\d\d\)\.txt$/);
  expect((await bench.get(copied.copy.path)).equals(Buffer.from(mine))).toBe(true);
  expect(copied.copy.contentHash).toBe(contentHash(Buffer.from(mine)));
  expect((await bench.get(path)).equals(Buffer.from(theirs))).toBe(true);
  expect(copied.snapshot.text === theirs).toBe(true);

  // The document stands on theirs now: my edit made again on top of it goes up, in sessions, whole.
  const both = editLine(editLine(lines, 10), lines.length - 10).join('');
  bench.takeCounts();
  const saved = await saveText(core, doc.documentId, both);
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({
    'files/upload_session/start': 1,
    'files/upload_session/append_v2': 1,
    'files/upload_session/finish': 1,
  });
  expect(saved).toMatchObject({ kind: 'saved', remote: { contentHash: contentHash(Buffer.from(both)) } });
  expect((await bench.get(path)).equals(Buffer.from(both))).toBe(true);
});
