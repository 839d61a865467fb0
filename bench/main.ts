import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureBanner } from './browser/banner.ts';
import { measureEditorReady } from './browser/editor-ready.ts';
import { measureMemory } from './browser/memory.ts';
import { measureTyping } from './browser/typing.ts';
import { measureConcurrentUploads } from './core/concurrent-uploads.ts';
import { measureLargeUpload } from './core/large-upload.ts';
import { measureOpenSave } from './core/open-save.ts';
import { measureQuickOpen } from './core/quick-open.ts';
import { measureRequests } from './core/requests.ts';
import { type BenchOptions, type Figure, judge } from './figure.ts';
import { machineLine, resultsTable } from './table.ts';

const RESULTS = fileURLToPath(new URL('./results.md', import.meta.url));

/** Every figure README.md's Benchmarks section names, in the order the table lists them. */
export const GROUPS: readonly { name: string; measure(options: BenchOptions): Promise<Figure[]> }[] = [
  { name: 'requests', measure: measureRequests },
  { name: 'open-save', measure: measureOpenSave },
  { name: 'editor-ready', measure: measureEditorReady },
  { name: 'banner', measure: measureBanner },
  { name: 'large-upload', measure: measureLargeUpload },
  { name: 'concurrent-uploads', measure: measureConcurrentUploads },
  { name: 'memory', measure: measureMemory },
  { name: 'typing', measure: measureTyping },
  { name: 'quick-open', measure: measureQuickOpen },
];

function chromiumVersion(): string | null {
  if (!existsSync('/usr/bin/chromium')) return null;
  try {
    return /[\d.]+/.exec(execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }))?.[0] ?? null;
  } catch {
    return null;
  }
}

/** Runs the figures, prints the table, writes bench/results.md; the exit code says whether all were met. */
export async function runBench({ runs, only }: { runs: number; only?: string | undefined }): Promise<number> {
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const figures: Figure[] = [];
  const failures: string[] = [];
  for (const group of GROUPS.filter((g) => !only || only.split(',').includes(g.name))) {
    log(`${group.name} (${runs} runs)…`);
    const started = Date.now();
    try {
      figures.push(...(await group.measure({ runs, smoke: false, log })));
    } catch (error) {
      failures.push(`${group.name}: ${(error as Error).stack ?? error}`);
    }
    log(`${group.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const table = resultsTable(figures);
  const machine = machineLine(new Date(), chromiumVersion());
  process.stdout.write(`\n${machine}\n\n${table}\n`);
  for (const failure of failures) process.stdout.write(`\nFAILED ${failure}\n`);
  if (!only) {
    writeFileSync(
      RESULTS,
      [
        '# `npm run bench` results',
        '',
        `${machine} · medians of ${runs} runs; each figure measured in the same run as its baseline, interleaved.`,
        '',
        table,
        ...failures.map((failure) => `\nFailed: ${failure.split('\n')[0]}`),
        '',
      ].join('\n'),
    );
  }
  const missed = figures.filter((figure) => !judge(figure).pass).length;
  return missed === 0 && failures.length === 0 ? 0 : 1;
}
