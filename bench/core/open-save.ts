import { type CoreBench, startCoreBench } from '../../electron/core/app/test-kit.ts';
import { type BenchOptions, type Figure, median } from '../figure.ts';
import {
  asSent,
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

/** Open through the core (download + decode + metadata, then close) vs a raw download of the same file. */
async function openFigure(bench: CoreBench, raw: RawDropbox, path: string, size: string, runs: number) {
  const coreOpen = async () => {
    bench.takeCounts();
    let documentId = '';
    const ms = await timed(async () => {
      documentId = (await bench.opus.open(path)).documentId;
    });
    // The watcher starts on the folder after the open: let it settle before anything else is timed.
    await bench.routeSeen('files/list_folder/longpoll', 5000);
    await bench.opus.call('closeDocument', { documentId });
    return ms;
  };
  const rawDownload = () => timed(() => raw.download(path));
  const { figure, baseline } = await interleaved(runs, coreOpen, rawDownload);
  return {
    name: `open ${size} through the core`,
    baseline: 'raw HTTP download of the same file',
    value: median(figure),
    baselineValue: median(baseline),
    unit: 'ms',
    target: RATIO,
    note:
      `${runs} pair(s), order alternating, after one warm-up pair not counted; document closed between ` +
      `runs, so every open downloads. Core ${spread(figure, 'ms')}; raw ${spread(baseline, 'ms')}.`,
  } satisfies Figure;
}

/** A revision-checked save of a changed text vs a raw overwrite upload of the same bytes. */
async function saveFigure(
  bench: CoreBench,
  raw: RawDropbox,
  path: string,
  rawPath: string,
  text: string,
  size: string,
  runs: number,
) {
  const doc = await bench.opus.open(path);
  await bench.routeSeen('files/list_folder/longpoll', 5000);
  const changed = (run: number) => asSent(`Draft ${run + 2}\n${text}`);
  const coreSave = async (run: number) => {
    const next = changed(run);
    bench.takeCounts();
    let kind = '';
    const ms = await timed(async () => {
      kind = (await bench.opus.call('saveDocument', { documentId: doc.documentId, text: next })).kind;
    });
    if (kind !== 'saved') throw new Error(`bench: the save answered ${kind}`);
    // The watcher reads the save's own change: let it finish before anything else is timed.
    await bench.watcherCaughtUp(5000);
    return ms;
  };
  const rawUpload = (run: number) => {
    const bytes = Buffer.from(changed(run), 'utf8');
    return timed(() => raw.upload(rawPath, bytes));
  };
  const { figure, baseline } = await interleaved(runs, coreSave, rawUpload);
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
      `${spread(baseline, 'ms')}.`,
  } satisfies Figure;
}

/** How fast a file opens and saves through the core, next to the same bytes over raw HTTP (issue 6). */
export async function measureOpenSave(options: BenchOptions): Promise<Figure[]> {
  const sizes = options.smoke ? [64 * KiB, 256 * KiB] : [1 * MiB, 20 * MiB];
  const bench = await startCoreBench();
  try {
    const raw = rawDropbox(bench.lb.box.url, bench.lb.box.issueTokens().access_token);
    const figures: Figure[] = [];
    for (const [index, bytes] of sizes.entries()) {
      const text = realisticText(bytes, index + 1);
      const size = sizeName(bytes);
      const path = `/Bench/Open/${size.replace(' ', '-')}.txt`;
      // Raw uploads go to another folder, so the watcher on the document's folder never sees them.
      const rawPath = `/Bench/Raw/${size.replace(' ', '-')}.txt`;
      await raw.upload(path, Buffer.from(text, 'utf8'));
      const open = await openFigure(bench, raw, path, size, options.runs);
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
