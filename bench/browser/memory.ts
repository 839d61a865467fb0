import type { BrowserContext, Page } from '@playwright/test';
import { type BenchOptions, type Figure, median } from '../figure.ts';
import { serveBareMonaco } from './bare-page.ts';
import {
  benchText,
  launchChromium,
  markerOf,
  STEP_TIMEOUT_MS,
  signedInContext,
  startOpusHost,
  VIEWPORT,
  whenEditorShows,
} from './browser-kit.ts';

/** Background work after the last open (tokenizing, layout, the journal's timers) settles first. */
const SETTLE_MS = 1500;

const pathOf = (index: number) => `/doc-${index}.txt`;

/** Opens a top-level file from the Open dialog, as a person would, and waits for its text. */
async function openFromDialog(page: Page, index: number): Promise<void> {
  await page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: 'Open…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open from Dropbox' });
  const name = new RegExp(`^doc-${index}\\.txt`);
  await dialog.getByRole('option', { name }).dblclick({ timeout: STEP_TIMEOUT_MS });
  await dialog.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  await whenEditorShows(page, markerOf(index), false);
}

/** One page's memory, in MiB, after a forced GC. */
interface HeapUse {
  /** The figure: V8's used heap plus the bytes behind its external strings and array buffers. */
  heap: number;
  used: number;
  backing: number;
  /** Blink's own garbage-collected heap (the DOM): reported, not counted. */
  embedder: number;
  workers: number;
}

/**
 * The page's main-thread memory as JavaScript holds it. V8's usedSize alone would miss text that Blink
 * hands over as an external string (what `fetch(…).text()` gives the bare page: its 10 MiB sit in the
 * backing store), while Opus's text, parsed out of JSON, is on the V8 heap: counting both is fair.
 */
async function heapUse(page: Page): Promise<HeapUse> {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    const mebi = (bytes: number) => bytes / 2 ** 20;
    return {
      heap: mebi(usage.usedSize + usage.backingStorageSize),
      used: mebi(usage.usedSize),
      backing: mebi(usage.backingStorageSize),
      embedder: mebi(usage.embedderHeapUsedSize),
      workers: page.workers().length,
    };
  } finally {
    await cdp.detach();
  }
}

async function heapAfter(context: BrowserContext, load: (page: Page) => Promise<void>) {
  const page = await context.newPage();
  try {
    await load(page);
    await page.waitForTimeout(SETTLE_MS);
    return await heapUse(page);
  } finally {
    await page.close({ runBeforeUnload: false });
  }
}

const mib = (value: number) => `${value.toFixed(1)} MiB`;

/**
 * Renderer memory with `count` documents open: Opus with one tab per document (the first
 * by the `?open=` deep link, the rest from the Open dialog) against a bare Monaco page holding the
 * same texts as models; the page's JS heap after a forced GC, fresh page each time, interleaved.
 */
export async function measureMemory(options: BenchOptions): Promise<Figure[]> {
  const count = options.smoke ? 3 : 10;
  const bytes = options.smoke ? 64 * 1024 : 1024 * 1024;
  const texts = Array.from({ length: count }, (_, index) => benchText(bytes, index));
  const opus = await startOpusHost(Object.fromEntries(texts.map((text, index) => [pathOf(index), text])));
  const bare = await serveBareMonaco(texts);
  const browser = await launchChromium();
  try {
    const opusContext = await signedInContext(browser, opus);
    const bareContext = await browser.newContext({ viewport: VIEWPORT });
    const opusRun = () =>
      heapAfter(opusContext, async (page) => {
        await page.goto(`${opus.origin}/?open=${pathOf(0)}`, { waitUntil: 'commit' });
        await whenEditorShows(page, markerOf(0));
        for (let index = 1; index < count; index++) await openFromDialog(page, index);
        const tabs = await page.getByRole('tab').count();
        if (tabs !== count) throw new Error(`Opus shows ${tabs} tabs, not ${count}`);
      });
    const bareRun = () =>
      heapAfter(bareContext, async (page) => {
        await page.goto(`${bare.origin}/?files=${count}`, { waitUntil: 'commit' });
        await whenEditorShows(page, markerOf(count - 1));
      });
    const opusRuns: HeapUse[] = [];
    const bareRuns: HeapUse[] = [];
    for (let run = 0; run < options.runs; run++) {
      opusRuns.push(await opusRun());
      bareRuns.push(await bareRun());
      options.log(
        `memory run ${run + 1}: opus ${mib(opusRuns[run]?.heap ?? 0)}, bare ${mib(bareRuns[run]?.heap ?? 0)}`,
      );
    }
    const of = (runs: HeapUse[], key: keyof HeapUse) => median(runs.map((run) => run[key]));
    const parts = (runs: HeapUse[]) =>
      `V8 used ${mib(of(runs, 'used'))} + backing store ${mib(of(runs, 'backing'))} ` +
      `(DOM heap ${mib(of(runs, 'embedder'))}, workers running: ${of(runs, 'workers')})`;
    const size = options.smoke ? '64 KiB' : '1 MiB';
    return [
      {
        name: `renderer memory, ${count} open ${size} documents`,
        baseline: `bare Monaco page with the same ${count} models`,
        value: of(opusRuns, 'heap'),
        baselineValue: of(bareRuns, 'heap'),
        unit: 'MiB',
        target: { kind: 'ratio-at-most', limit: 1.5 },
        note:
          `${options.runs} runs each, interleaved, fresh page each, ${SETTLE_MS} ms after the last document ` +
          `shows, after HeapProfiler.collectGarbage. Counted: the page's main-thread JS memory, CDP ` +
          `Runtime.getHeapUsage usedSize + backingStorageSize (external strings: fetched text and script ` +
          `sources live there); not counted: the editor worker's heap, Blink's DOM heap, GPU. ` +
          `Opus: ${parts(opusRuns)}. Bare: ${parts(bareRuns)}.`,
      },
    ];
  } finally {
    await browser.close();
    await bare.close();
    await opus.stop();
  }
}
