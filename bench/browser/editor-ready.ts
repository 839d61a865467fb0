import type { BrowserContext, Page } from '@playwright/test';
import { type BenchOptions, type Figure, median } from '../figure.ts';
import { serveBareMonaco } from './bare-page.ts';
import {
  benchText,
  type InPage,
  launchChromium,
  markerOf,
  ms,
  signedInContext,
  startOpusHost,
  typeAndSee,
  VIEWPORT,
  whenEditorShows,
} from './browser-kit.ts';

/** Where one page load spent its time, in ms since navigation start (the page's own clock). */
export interface ReadyPhases {
  /** The HTML arrived. */
  html: number;
  /** The scripts ran (DOMContentLoaded waits for module scripts). */
  scripts: number;
  /** The request that brings the text (Opus: the openDocument call; bare: the GET) started and ended. */
  textRequested: number;
  textArrived: number;
  /** Monaco shows the file's first line and has the keyboard. */
  loaded: number;
  /** A typed key shows in the editor's text: the figure. */
  ready: number;
}

/** One navigation, fresh page: navigation start → the file shown → a typed key shown. */
export async function loadAndType(
  context: BrowserContext,
  url: string,
  textRequest: RegExp,
): Promise<ReadyPhases> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const marker = markerOf(0);
    const loaded = await whenEditorShows(page, marker);
    const ready = await typeAndSee(page, marker);
    return { ...(await pagePhases(page, textRequest)), loaded, ready };
  } finally {
    // Without beforeunload: the typed key made the document dirty, and nobody is there to answer.
    await page.close({ runBeforeUnload: false });
  }
}

async function pagePhases(page: Page, textRequest: RegExp) {
  const entries = await page.evaluate(() => {
    const { performance } = globalThis as unknown as InPage;
    const navigation = performance.getEntriesByType('navigation')[0];
    return {
      html: navigation?.responseEnd ?? Number.NaN,
      scripts: navigation?.domContentLoadedEventEnd ?? Number.NaN,
      resources: performance
        .getEntriesByType('resource')
        .map((entry) => ({ name: entry.name, startTime: entry.startTime, responseEnd: entry.responseEnd })),
    };
  });
  const text = entries.resources.find((entry) => textRequest.test(entry.name));
  return {
    html: entries.html,
    scripts: entries.scripts,
    textRequested: text?.startTime ?? Number.NaN,
    textArrived: text?.responseEnd ?? Number.NaN,
  };
}

/** The medians of each phase, for the note: where the difference between the two sides comes from. */
export function describePhases(runs: readonly ReadyPhases[]): string {
  const of = (key: keyof ReadyPhases) => ms(median(runs.map((run) => run[key])));
  return (
    `html ${of('html')}, scripts run ${of('scripts')}, text requested ${of('textRequested')} ` +
    `→ arrived ${of('textArrived')}, shown ${of('loaded')}, typed key shown ${of('ready')}`
  );
}

/**
 * "Editor ready": navigation start → Monaco takes a typed key with the file loaded, Opus
 * through the browser host (the file named by the `?open=` deep link) against a bare Monaco page
 * fetching the same text with one GET; fresh page each time, interleaved A B A B, medians.
 */
export async function measureEditorReady(options: BenchOptions): Promise<Figure[]> {
  const bytes = options.smoke ? 64 * 1024 : 1024 * 1024;
  const text = benchText(bytes, 0);
  // A path per load (the same text): the core answers a path it already has open from memory, and a
  // person's first open of a document downloads it from Dropbox.
  const pathOf = (load: number) => `/ready-${load}.txt`;
  const loads = Array.from({ length: options.runs + 1 }, (_, load) => [pathOf(load), text]);
  const opus = await startOpusHost(Object.fromEntries(loads));
  const bare = await serveBareMonaco([text]);
  const browser = await launchChromium();
  try {
    const opusContext = await signedInContext(browser, opus);
    const bareContext = await browser.newContext({ viewport: VIEWPORT });
    let load = 0;
    const opusRun = () =>
      loadAndType(opusContext, `${opus.origin}/?open=${pathOf(load++)}`, /\/api\/call\/openDocument$/);
    const bareRun = () => loadAndType(bareContext, `${bare.origin}/`, /\/texts\/doc-0\.txt$/);
    // One load of each first, discarded: the browser's first use of a context warms its caches.
    await opusRun();
    await bareRun();
    const opusRuns: ReadyPhases[] = [];
    const bareRuns: ReadyPhases[] = [];
    for (let run = 0; run < options.runs; run++) {
      opusRuns.push(await opusRun());
      bareRuns.push(await bareRun());
      options.log(
        `editor ready run ${run + 1}: opus ${ms(opusRuns[run]?.ready ?? 0)}, bare ${ms(bareRuns[run]?.ready ?? 0)}`,
      );
    }
    const size = options.smoke ? '64 KiB' : '1 MiB';
    return [
      {
        name: `editor ready, ${size} file (navigation → typed key shown)`,
        baseline: "bare Monaco page, same features, same text by one GET, the host's headers",
        value: median(opusRuns.map((run) => run.ready)),
        baselineValue: median(bareRuns.map((run) => run.ready)),
        unit: 'ms',
        target: { kind: 'ratio-at-most', limit: 1.2 },
        note:
          `${options.runs} runs each, interleaved, after one discarded warm-up each; Chromium through the ` +
          `browser host, a file not yet open in the core opened by ?open=; the bare page is served with the ` +
          `host's caching and Cross-Origin-Opener-Policy (a process swap on navigation, about 25 ms for either ` +
          `page). Opus: ${describePhases(opusRuns)}. ` +
          `Bare: ${describePhases(bareRuns)}.`,
      },
    ];
  } finally {
    await browser.close();
    await bare.close();
    await opus.stop();
  }
}
