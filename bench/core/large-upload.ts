import { WATCHER_ROUTES } from '../../electron/core/test-support/core-bench.ts';
import { typeEdits } from '../../electron/core/test-support/document-edits.ts';
import { type BenchOptions, type Figure, median } from '../figure.ts';
import { journalSettled, startRemoteBench } from './remote-bench.ts';
import {
  chunkedEncodeAndHash,
  drafts,
  interleaved,
  MiB,
  rawDropbox,
  realisticText,
  sizeName,
  spread,
  timed,
} from './support.ts';

const shapeOf = (sizes: readonly number[]) =>
  sizes
    .map(
      (bytes, i) => `${i === 0 ? 'start' : i === sizes.length - 1 ? 'finish' : 'append'} ${sizeName(bytes)}`,
    )
    .join(' + ');

/**
 * Saving a file too large for one request (upload sessions) through the core, vs the fewest, largest
 * raw requests localbox accepts for the same bytes, as throughput.
 */
export async function measureLargeUpload(options: BenchOptions): Promise<Figure[]> {
  // Smoke: the same shape scaled down. localbox caps a request at 4 MiB instead of 150 MiB, and the core
  // switches to sessions above 4 MiB with 4 MiB chunks (the smallest it allows).
  const cap = options.smoke ? 4 * MiB : 150 * MiB;
  const size = options.smoke ? 6 * MiB : 200 * MiB;
  // Made before localbox starts: seconds of generating would leave the client's keep-alive sockets idle
  // past localbox's 5 s keep-alive timeout, and a POST on a socket the server is closing is reset.
  const text = realisticText(size, 200);
  // localbox in its own process, as Dropbox is another computer (bench/core/remote-bench.ts): what the
  // core does while a chunk travels and is stored is not charged twice.
  const bench = await startRemoteBench({
    maxUploadMiB: cap / MiB,
    gateway: options.smoke ? { uploadSessionThreshold: cap, uploadChunkBytes: 4 * MiB } : undefined,
  });
  try {
    const raw = rawDropbox(bench.url, bench.token);
    const path = '/Bench/Large/novel.txt';
    const rawPath = '/Bench/Raw/novel.txt';
    await raw.uploadInSession(path, Buffer.from(text, 'utf8'), cap);
    const doc = await bench.opus.open(path);
    await bench.routeSeen('files/list_folder/longpoll', 10_000);
    const { text: changed, edit: draftLine } = drafts(text);
    let coreShape: Record<string, number> = {};
    let rawShape: number[] = [];
    const throughput = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

    const coreSave = async (run: number) => {
      const next = changed(run);
      const bytes = Buffer.byteLength(next);
      await bench.takeCounts();
      let kind = '';
      // The text is in main before Save is pressed: the editor sent the first line's edit as it was typed.
      await typeEdits(bench.opus, doc.documentId, [draftLine(run)]);
      await journalSettled();
      const { rev: baseRev, version } = bench.opus.editorOf(doc.documentId);
      const ms = await timed(async () => {
        kind = (await bench.opus.call('saveDocument', { documentId: doc.documentId, version, baseRev })).kind;
      });
      if (kind !== 'saved') throw new Error(`bench: the save answered ${kind}`);
      coreShape = await bench.peekCounts();
      await bench.watcherCaughtUp(10_000);
      return throughput(bytes, ms);
    };
    // What the raw session leaves out and a careful editor cannot: encoding the text, and its content_hash.
    const prepareMs: number[] = [];
    const rawSession = async (run: number) => {
      const text = changed(run);
      prepareMs.push(await chunkedEncodeAndHash(text));
      const bytes = Buffer.from(text, 'utf8');
      const ms = await timed(async () => {
        rawShape = await raw.uploadInSession(rawPath, bytes, cap);
      });
      lastMs.push(ms);
      return throughput(bytes.length, ms);
    };
    const lastMs: number[] = [];
    const { figure, baseline } = await interleaved(options.runs, coreSave, rawSession);
    const withPrepare = throughput(size, median(lastMs) + median(prepareMs));
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
    const coreRequests = Object.entries(coreShape)
      .filter(([route]) => !WATCHER_ROUTES.includes(route))
      .map(([route, count]) => `${count}× ${route}`)
      .join(', ');
    const result: Figure = {
      name: `save ${sizeName(size)} through the core (upload sessions)`,
      baseline: `raw upload session of the same bytes in the fewest requests: ${shapeOf(rawShape)}`,
      value: median(figure),
      baselineValue: median(baseline),
      unit: 'MiB/s',
      target: { kind: 'throughput-ratio-at-least', limit: 0.8 },
      note:
        `${options.runs} pair(s), order alternating, after one warm-up pair not counted. localbox caps a ` +
        `request at ${sizeName(cap)}, so the baseline is ${rawShape.length} requests (${shapeOf(rawShape)}), ` +
        `no content_hash, bytes encoded before its clock starts. The core's save (encode, content_hash, ` +
        `update(rev)) made ${coreRequests}. Core ${spread(figure, 'MiB/s')}; raw ${spread(baseline, 'MiB/s')}. ` +
        `Encoding and hashing alone (8 MiB at a time, as the core does) take ${median(prepareMs).toFixed(0)} ms: against raw encode + hash + ` +
        `session (${withPrepare.toFixed(1)} MiB/s) the core reaches ${(median(figure) / withPrepare).toFixed(2)}×.` +
        (options.smoke ? ' Smoke: sizes scaled down, session threshold and chunk lowered to 4 MiB.' : ''),
    };
    options.log(`${result.name}: ${result.value.toFixed(1)} vs ${result.baselineValue?.toFixed(1)} MiB/s`);
    return [result];
  } finally {
    await bench.stop();
  }
}
