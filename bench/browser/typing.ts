import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page, Request } from '@playwright/test';
import type { BenchOptions, Figure } from '../figure.ts';
import { serveBareMonaco } from './bare-page.ts';
import {
  benchText,
  launchChromium,
  markerOf,
  ms,
  signedInContext,
  startOpusHost,
  VIEWPORT,
  whenEditorShows,
} from './browser-kit.ts';
import type { Sent } from './bytes-per-key.ts';
import { JournalWritesThread, sharedClock } from './journal-writes.ts';
import {
  installProbe,
  readProbe,
  resetProbe,
  typeOnSchedule,
  typingText,
  whenKeysHandled,
} from './keystrokes.ts';
import {
  type Burst,
  describeRun,
  HEARD_WAIT_MS,
  PER_SECOND,
  typingFigures,
  WARM_UP_KEYS,
} from './typing-figures.ts';

/** After the last key at least: Opus notes the text at most a second after a key. */
const SETTLE_MS = 1000;
/** …and until the journal has not grown for this long. */
const QUIET_MS = 500;
/** The page's clock and the browser's request times, both wall clocks, may differ by a few ms. */
const CLOCK_SLACK_MS = 50;
const SETTLE_CAP_MS = 60_000;

/** The keys, the requests and the journal's samples (on a thread of their own) are all timed on it. */
const clock = sharedClock;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One page being typed into, and what it sent. */
interface Typist {
  page: Page;
  cdp: CDPSession;
  /** Whether the page talks to main (Opus): then a burst is over once main has heard of its last key. */
  talksToMain: boolean;
  /**
   * The bodies the page posted to the host's /api/ (Opus; none for the bare page), timed by the browser
   * when it started each request: Playwright hands the bench a 20 MiB request a second and more late.
   */
  sends: Sent[];
  inFlight: Set<Request>;
}

async function typist(context: BrowserContext, apiPrefix: string | null): Promise<Typist> {
  const page = await context.newPage();
  const typist: Typist = {
    page,
    cdp: await context.newCDPSession(page),
    talksToMain: !!apiPrefix,
    sends: [],
    inFlight: new Set(),
  };
  const isCall = (request: Request) =>
    !!apiPrefix && request.method() === 'POST' && request.url().startsWith(apiPrefix);
  page.on('request', (request) => {
    if (isCall(request)) typist.inFlight.add(request);
  });
  const done = (request: Request) => {
    if (!isCall(request)) return;
    typist.inFlight.delete(request);
    typist.sends.push({ at: request.timing().startTime, bytes: request.postDataBuffer()?.length ?? 0 });
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return typist;
}

/** The document shown with the keyboard in it, the cursor at its end, and the probe watching. */
async function readyAtEnd(typist: Typist, url: string, marker: string): Promise<void> {
  await typist.page.goto(url, { waitUntil: 'commit' });
  await whenEditorShows(typist.page, marker);
  await typist.page.keyboard.press('Control+End');
  await installProbe(typist.page);
  await sleep(SETTLE_MS);
}

/**
 * Types `text` on schedule, then waits until the page has taken every key, main has heard of the last
 * one (Opus: a request started after the page handled it has finished; given up after HEARD_WAIT_MS,
 * which the note then says), and the journal is quiet, so the next burst (often the other page's)
 * starts on an idle machine.
 */
async function burst(typist: Typist, text: string, journal: JournalWritesThread): Promise<Burst> {
  await resetProbe(typist.page);
  const from = clock();
  const sentAt = await typeOnSchedule(typist.cdp, text, PER_SECOND, clock);
  const lastKey = sentAt.at(-1) ?? from;
  const lastHandled = await whenKeysHandled(typist.page, text.length, SETTLE_CAP_MS);
  const heard = () =>
    !typist.talksToMain || typist.sends.some((send) => send.at >= lastHandled - CLOCK_SLACK_MS);
  for (;;) {
    const now = clock();
    const quiet = now - journal.lastGrowthAt >= QUIET_MS && typist.inFlight.size === 0;
    const waited = now - lastKey >= HEARD_WAIT_MS;
    if (now - lastKey >= SETTLE_MS && (heard() || waited) && quiet) break;
    if (now - lastKey > SETTLE_CAP_MS) throw new Error(`still busy ${ms(SETTLE_CAP_MS)} after the last key`);
    await sleep(50);
  }
  const reading = await readProbe(typist.page, text.length);
  return { reading, sentAt, from, unheard: !heard(), toMain: [], toJournal: [] };
}

/**
 * What Opus sent to main and wrote to the journal, charged to the burst that was typed before it: a
 * burst's share runs from its first key to the next Opus burst's (the bare page's bursts between cause
 * none), so a note or a write that comes after the settle still counts, against the keys that caused it.
 */
function chargeBursts(bursts: Burst[], sends: Sent[], writes: Sent[]): void {
  for (const [index, burst] of bursts.entries()) {
    const until = bursts[index + 1]?.from ?? Number.POSITIVE_INFINITY;
    const within = (sent: Sent) => sent.at >= burst.from && sent.at < until;
    burst.toMain = sends.filter(within);
    burst.toJournal = writes.filter(within);
  }
}

interface Size {
  label: string;
  bytes: number;
  path: string;
}

const SIZES: readonly Size[] = [
  { label: '1 MiB', bytes: 2 ** 20, path: '/typing-1.txt' },
  { label: '20 MiB', bytes: 20 * 2 ** 20, path: '/typing-20.txt' },
];
const SMOKE_SIZES: readonly Size[] = [{ label: '64 KiB', bytes: 64 * 1024, path: '/typing-64k.txt' }];

/**
 * Both pages on one document, bursts interleaved (the order alternating each run). A host of its own
 * per document: the journal folder then holds this document's files alone (an idle document's log
 * folded into its snapshot would otherwise be counted against this one's keys). The journal is
 * watched throughout, during either page's bursts, so both share the small cost of watching it.
 */
async function measureSize(browser: Browser, size: Size, index: number, options: BenchOptions, keys: number) {
  const text = benchText(size.bytes, index);
  const opus = await startOpusHost({ [size.path]: text });
  const bare = await serveBareMonaco([text]);
  const bareContext = await browser.newContext({ viewport: VIEWPORT });
  const journal = new JournalWritesThread(join(opus.dataDir, 'journal'));
  try {
    const opusContext = await signedInContext(browser, opus);
    const opusTypist = await typist(opusContext, `${opus.origin}/api/`);
    const bareTypist = await typist(bareContext, null);
    await readyAtEnd(opusTypist, `${opus.origin}/?open=${size.path}`, markerOf(index));
    await readyAtEnd(bareTypist, `${bare.origin}/`, markerOf(index));
    await journal.start();
    const opusBursts: Burst[] = [];
    const bareBursts: Burst[] = [];
    if (!options.smoke) {
      opusBursts.push(await burst(opusTypist, typingText(WARM_UP_KEYS), journal));
      bareBursts.push(await burst(bareTypist, typingText(WARM_UP_KEYS), journal));
    }
    const typed = typingText(keys);
    for (let run = 0; run < options.runs; run++) {
      const order = run % 2 === 0 ? [opusTypist, bareTypist] : [bareTypist, opusTypist];
      for (const typist of order) {
        (typist === opusTypist ? opusBursts : bareBursts).push(await burst(typist, typed, journal));
      }
      options.log(`typing ${size.label} run ${run + 1}: ${describeRun(opusBursts, bareBursts)}`);
    }
    chargeBursts(opusBursts, opusTypist.sends, await journal.stop());
    // Without beforeunload: the document is dirty, and nobody is there to answer.
    await opusTypist.page.close({ runBeforeUnload: false });
    await opusContext.close();
    const counted = (bursts: Burst[]) => (options.smoke ? bursts : bursts.slice(1));
    return { opus: counted(opusBursts), bare: counted(bareBursts) };
  } finally {
    await journal.close();
    await bareContext.close();
    await bare.close();
    await opus.stop();
  }
}

/**
 * Typing into a large document: bursts of keys at a person's pace at the end of a 1 MiB and a
 * 20 MiB document, Opus through the browser host against the bare Monaco page with the same text; per
 * key, the time to paint, the longest task, and what each key costs in bytes sent to main and written
 * to the journal.
 */
export async function measureTyping(options: BenchOptions): Promise<Figure[]> {
  const sizes = options.smoke ? SMOKE_SIZES : SIZES;
  const keys = options.smoke ? 12 : 100;
  const browser = await launchChromium();
  try {
    const figures: Figure[] = [];
    for (const [index, size] of sizes.entries()) {
      const runs = await measureSize(browser, size, index, options, keys);
      figures.push(...typingFigures(size.label, keys, runs));
    }
    return figures;
  } finally {
    await browser.close();
  }
}
