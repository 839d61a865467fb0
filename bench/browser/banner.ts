import type { Page } from '@playwright/test';
import { type BenchOptions, type Figure, median, percentile } from '../figure.ts';
import {
  benchText,
  type InPage,
  launchChromium,
  markerOf,
  ms,
  STEP_TIMEOUT_MS,
  signedInContext,
  startOpusHost,
  typeAndSee,
  whenEditorShows,
} from './browser-kit.ts';

const PATH = '/doc-0.txt';

/** Wall-clock milliseconds; the page's `timeOrigin + now()` is on the same clock. */
const now = () => performance.timeOrigin + performance.now();

/**
 * Starts watching, frame by frame, for the "Dropbox change" banner to be on screen; the returned
 * promise answers the wall-clock time of the first frame that showed it.
 */
async function armBannerWatch(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const state = globalThis as unknown as InPage;
    const { document, performance, requestAnimationFrame } = state;
    delete state.bannerShownAt;
    const look = () => {
      const banner = document.querySelector('[role="alert"][aria-label="Dropbox change"]');
      if (banner && banner.getBoundingClientRect().height > 0) {
        state.bannerShownAt = performance.timeOrigin + performance.now();
      } else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  return async () => {
    const handle = await page.waitForFunction(
      () => (globalThis as unknown as InPage).bannerShownAt ?? 0,
      null,
      { timeout: STEP_TIMEOUT_MS },
    );
    return (await handle.jsonValue()) as number;
  };
}

/**
 * "Remote change → banner visible": Opus has the file open with unsaved changes; another
 * computer (the official SDK) overwrites it; from just before that call to the banner on screen.
 * "Later" dismisses it between runs, and each run writes new content.
 */
export async function measureBanner(options: BenchOptions): Promise<Figure[]> {
  const bytes = options.smoke ? 64 * 1024 : 1024 * 1024;
  const opus = await startOpusHost({ [PATH]: benchText(bytes, 0) });
  const browser = await launchChromium();
  try {
    const context = await signedInContext(browser, opus);
    const page = await context.newPage();
    await page.goto(`${opus.origin}/?open=${PATH}`, { waitUntil: 'commit' });
    await whenEditorShows(page, markerOf(0));
    // Unsaved changes as the core knows them: it hears of typing only through the edits the page sends,
    // a moment after the key; a remote change arriving before that reloads the clean-looking file.
    const noted = page.waitForResponse(/\/api\/call\/editDocument$/, { timeout: STEP_TIMEOUT_MS });
    await typeAndSee(page, markerOf(0));
    await noted;
    const banner = page.getByRole('alert', { name: 'Dropbox change' });
    const times: number[] = [];
    // Run 0 is a warm-up (the watcher's first answer, the banner's first render) and is discarded.
    for (let run = 0; run <= options.runs; run++) {
      const shown = await armBannerWatch(page);
      const started = now();
      await opus.dropbox.filesUpload({
        path: PATH,
        contents: benchText(bytes, 0, run + 1),
        mode: { '.tag': 'overwrite' },
      });
      const elapsed = (await shown()) - started;
      if (run > 0) times.push(elapsed);
      options.log(`banner run ${run}${run === 0 ? ' (warm-up)' : ''}: ${ms(elapsed)}`);
      await banner.getByRole('button', { name: 'Later' }).click();
      await banner.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
      // The watcher goes back to its longpoll before the next change.
      await page.waitForTimeout(500);
    }
    const size = options.smoke ? '64 KiB' : '1 MiB';
    return [
      {
        name: `remote change → banner visible (${size} file, unsaved changes)`,
        baseline: null,
        value: median(times),
        baselineValue: null,
        unit: 'ms',
        target: { kind: 'value-at-most', limit: 1000 },
        note:
          `${options.runs} runs after one discarded warm-up; from just before the SDK's filesUpload ` +
          `(overwrite, new content each run) to the first frame showing the banner; ` +
          `p50 ${ms(median(times))}, max ${ms(percentile(times, 100))}.`,
      },
    ];
  } finally {
    await browser.close();
    await opus.stop();
  }
}
