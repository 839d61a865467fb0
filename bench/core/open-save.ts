import { decodeText } from '../../electron/core/documents/codec.ts';
import { contentHash } from '../../electron/core/dropbox/content-hash.ts';
import { typeEdits } from '../../electron/core/test-support/document-edits.ts';
import { type BenchOptions, type Figure, median } from '../figure.ts';
import { openFloorMs, saveFloorMs } from './floors.ts';
import { journalSettled, type RemoteBench, startRemoteBench } from './remote-bench.ts';
import {
  drafts,
  encodeAndHash,
  interleaved,
  KiB,
  MiB,
  type RawDropbox,
  rawDropbox,
  realisticText,
  sizeName,
  spread,
  timed,
} from './support.ts';

const RATIO = { kind: 'ratio-at-most', limit: 1.15 } as const;

/** What the target leaves for everything beyond the raw transfer, next to the least that can cost. */
function floorNote(rawMs: number, floorMs: number, lead: string): string {
  const budget = rawMs * (RATIO.limit - 1);
  const verdict = floorMs > budget ? 'more than' : 'within';
  return (
    `${lead} ${floorMs.toFixed(1)} ms, ${verdict} the ${budget.toFixed(1)} ms ` +
    `that ≤ ${RATIO.limit}× leaves beyond the raw transfer.`
  );
}

/**
 * What the flat string costs that V8 makes of the core's text where it is first read whole (the window's
 * IPC serializer): the core joins decoded pieces as a rope. `Number` flattens and then stops at the first
 * letter; a flat text costs nothing here.
 */
function flattenMs(text: string): number {
  const started = performance.now();
  Number(text);
  return performance.now() - started;
}

/**
 * The raw download read the way the core reads it: chunk by chunk as it arrives, nothing gathered
 * (`arrayBuffer()`, the baseline's way, copies every byte once more into fresh memory).
 */
async function readInChunks(bench: RemoteBench, path: string): Promise<number> {
  const response = await fetch(`${bench.url}/2/files/download`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bench.token}`, 'Dropbox-API-Arg': JSON.stringify({ path }) },
  });
  if (!response.ok || !response.body) throw new Error(`files/download: HTTP ${response.status}`);
  let length = 0;
  for await (const chunk of response.body) length += chunk.length;
  return length;
}

/** Open through the core (download + decode + metadata, then close) vs a raw download of the same file. */
async function openFigure(
  bench: RemoteBench,
  raw: RawDropbox,
  path: string,
  bytes: Uint8Array,
  size: string,
  runs: number,
) {
  const flattenRuns: number[] = [];
  const coreOpen = async () => {
    await bench.takeCounts();
    let snapshot: { documentId: string; text: string } | null = null;
    const ms = await timed(async () => {
      snapshot = await bench.opus.open(path);
    });
    const { documentId, text } = snapshot ?? { documentId: '', text: '' };
    flattenRuns.push(flattenMs(text));
    // The watcher starts on the folder after the open: let it settle before anything else is timed.
    await bench.routeSeen('files/list_folder/longpoll', 5000);
    await bench.opus.call('closeDocument', { documentId });
    return ms;
  };
  // What the raw download leaves out and an editor cannot: the bytes become the editor's text, checked
  // to be UTF-8 (the core's own decodeText, alone). And the transfer read as the core reads it.
  const decodeMs: number[] = [];
  const chunkedMs: number[] = [];
  const rawDownload = async () => {
    const ms = await timed(() => raw.download(path));
    decodeMs.push(await timed(async () => decodeText(bytes)));
    chunkedMs.push(await timed(() => readInChunks(bench, path)));
    return ms;
  };
  const { figure, baseline } = await interleaved(runs, coreOpen, rawDownload);
  const withDecode = median(baseline) + median(decodeMs);
  // No floor is claimed: decoding overlaps the transfer by as much as the two rates allow, which
  // separate measurements of each cannot bound (the core has come in under both).
  const decoders =
    `The fastest of Node's UTF-8 decoders takes ${openFloorMs(bytes).toFixed(1)} ms for the whole file; ` +
    `the core decodes each piece as it arrives (where bytes come faster than they decode, as over loopback, ` +
    `decoding paces the download), and only the last piece, 1 MiB at most, follows the last byte.`;
  return {
    name: `open ${size} through the core`,
    baseline: 'raw HTTP download of the same file',
    value: median(figure),
    baselineValue: median(baseline),
    unit: 'ms',
    target: RATIO,
    note:
      `${runs} pair(s), order alternating, after one warm-up pair not counted; document closed between ` +
      `runs, so every open downloads. Core ${spread(figure, 'ms')}; raw ${spread(baseline, 'ms')}. ` +
      `Decoding the same bytes to the editor's text (decodeText) alone takes ${median(decodeMs).toFixed(1)} ms: against raw ` +
      `download + decode (${withDecode.toFixed(1)} ms) the core is ${(median(figure) / withDecode).toFixed(2)}×. ` +
      `The download read chunk by chunk, nothing gathered, takes ${median(chunkedMs).toFixed(1)} ms (the rest of ` +
      `the raw figure is arrayBuffer() gathering the chunks): the core is ${(median(figure) / median(chunkedMs)).toFixed(2)}× that. ` +
      `Not counted: making the core's text one flat string, as V8 does where it is first read whole ` +
      `(the window's IPC), ${median(flattenRuns).toFixed(1)} ms (0 for a text decoded whole). ${decoders}`,
  } satisfies Figure;
}

/** A revision-checked save of a changed text vs a raw overwrite upload of the same bytes. */
async function saveFigure(
  bench: RemoteBench,
  raw: RawDropbox,
  path: string,
  rawPath: string,
  text: string,
  size: string,
  runs: number,
) {
  const doc = await bench.opus.open(path);
  await bench.routeSeen('files/list_folder/longpoll', 5000);
  const { text: changed, edit: draftLine } = drafts(text);
  const coreSave = async (run: number) => {
    await bench.takeCounts();
    let kind = '';
    // The text is in main before Save is pressed: the editor sent the first line's edit as it was typed.
    await typeEdits(bench.opus, doc.documentId, [draftLine(run)]);
    await journalSettled();
    const { rev: baseRev, version } = bench.opus.editorOf(doc.documentId);
    let savedHash = '';
    const ms = await timed(async () => {
      const saved = await bench.opus.call('saveDocument', { documentId: doc.documentId, version, baseRev });
      kind = saved.kind;
      if (saved.kind === 'saved') savedHash = saved.remote.contentHash;
    });
    if (kind !== 'saved') throw new Error(`bench: the save answered ${kind}`);
    // The edits made main's copy exactly the text the raw upload sends.
    if (savedHash !== contentHash(Buffer.from(changed(run))))
      throw new Error('bench: the core saved other bytes than the text typed');
    // The watcher reads the save's own change: let it finish before anything else is timed.
    await bench.watcherCaughtUp(5000);
    return ms;
  };
  // What the raw upload leaves out and a careful editor cannot: the text becomes bytes, and the bytes
  // their content_hash (Dropbox then refuses bytes damaged on the way).
  const prepareMs: number[] = [];
  const rawUpload = async (run: number) => {
    const { bytes, ms } = await encodeAndHash(changed(run));
    prepareMs.push(ms);
    return timed(() => raw.upload(rawPath, bytes));
  };
  const { figure, baseline } = await interleaved(runs, coreSave, rawUpload);
  const withPrepare = median(baseline) + median(prepareMs);
  const floor = floorNote(
    median(baseline),
    saveFloorMs(changed(0)),
    'Floor: encoding the text into memory already mapped and taking its content_hash alone takes',
  );
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
  return {
    name: `save ${size} through the core`,
    baseline: 'raw HTTP upload of the same bytes (files/upload, overwrite)',
    value: median(figure),
    baselineValue: median(baseline),
    unit: 'ms',
    target: RATIO,
    note:
      `${runs} pair(s), order alternating, after one warm-up pair not counted; each run saves a text ` +
      `changed from the last (encode, content_hash, update(rev) with strict_conflict); the raw upload ` +
      `sends those same bytes, encoded before its clock starts. Core ${spread(figure, 'ms')}; raw ` +
      `${spread(baseline, 'ms')}. Encoding the text and hashing it alone take ${median(prepareMs).toFixed(1)} ms: ` +
      `against raw encode + hash + upload (${withPrepare.toFixed(1)} ms) the core is ${(median(figure) / withPrepare).toFixed(2)}×. ${floor}`,
  } satisfies Figure;
}

/** How fast a file opens and saves through the core, next to the same bytes over raw HTTP. */
export async function measureOpenSave(options: BenchOptions): Promise<Figure[]> {
  const sizes = options.smoke ? [64 * KiB, 256 * KiB] : [1 * MiB, 20 * MiB];
  // localbox in its own process, as Dropbox is another computer (bench/core/remote-bench.ts).
  const bench = await startRemoteBench();
  try {
    const raw = rawDropbox(bench.url, bench.token);
    const figures: Figure[] = [];
    for (const [index, bytes] of sizes.entries()) {
      const text = realisticText(bytes, index + 1);
      const size = sizeName(bytes);
      const path = `/Bench/Open/${size.replace(' ', '-')}.txt`;
      // Raw uploads go to another folder, so the watcher on the document's folder never sees them.
      const rawPath = `/Bench/Raw/${size.replace(' ', '-')}.txt`;
      const encoded = Buffer.from(text, 'utf8');
      await raw.upload(path, encoded);
      const open = await openFigure(bench, raw, path, encoded, size, options.runs);
      options.log(`${open.name}: ${open.value.toFixed(1)} ms vs ${open.baselineValue.toFixed(1)} ms`);
      const save = await saveFigure(bench, raw, path, rawPath, text, size, options.runs);
      options.log(`${save.name}: ${save.value.toFixed(1)} ms vs ${save.baselineValue.toFixed(1)} ms`);
      figures.push(open, save);
    }
    return figures;
  } finally {
    await bench.stop();
  }
}
