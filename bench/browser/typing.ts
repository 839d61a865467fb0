import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page, Request } from '@playwright/test';
import { type BenchOptions, type Figure, median, percentile } from '../figure.ts';
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
import { bytesPerKey, type Sent } from './bytes-per-key.ts';
import { JournalWritesThread, sharedClock } from './journal-writes.ts';
import {
  installProbe,
  type ProbeReading,
  readProbe,
  resetProbe,
  typeOnSchedule,
  typingText,
} from './keystrokes.ts';

const PER_SECOND = 15;
/** After the last key: Opus notes the text at most a second after a key, then main journals it. */
const SETTLE_MS = 1500;
/** …and until nothing was sent or written for this long (a 20 MiB note takes its time). */
const QUIET_MS = 500;
const SETTLE_CAP_MS = 60_000;
/** A first burst per page, not counted: it compiles the typing paths and makes the document dirty. */
const WARM_UP_KEYS = 15;

/** The keys, the requests and the journal's samples (on a thread of their own) are all timed on it. */
const clock = sharedClock;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One page being typed into. */
interface Typist {
  page: Page;
  cdp: CDPSession;
  /** The request bodies the page sent to the host's /api/ (Opus; none for the bare page). */
  sends: Sent[];
  inFlight: Set<Request>;
}

/** What one burst cost. */
interface Burst {
  reading: ProbeReading;
  keyTimes: number[];
  toMain: Sent[];
  toJournal: Sent[];
}

async function typist(context: BrowserContext, apiPrefix: string | null): Promise<Typist> {
  const page = await context.newPage();
  const typist: Typist = { page, cdp: await context.newCDPSession(page), sends: [], inFlight: new Set() };
  page.on('request', (request) => {
    if (!apiPrefix || request.method() !== 'POST' || !request.url().startsWith(apiPrefix)) return;
    typist.inFlight.add(request);
    typist.sends.push({ at: clock(), bytes: request.postDataBuffer()?.length ?? 0 });
  });
  const done = (request: Request) => typist.inFlight.delete(request);
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
 * Types `text` on schedule and waits until the page and the host are quiet again, watching the probe,
 * the requests and the journal folder (watched for either page, so both share its small cost).
 */
async function burst(typist: Typist, text: string, journal: JournalWritesThread): Promise<Burst> {
  await resetProbe(typist.page);
  await journal.start();
  const from = clock();
  const keyTimes = await typeOnSchedule(typist.cdp, text, PER_SECOND, clock);
  const lastKey = keyTimes.at(-1) ?? from;
  for (;;) {
    const now = clock();
    const lastSend = typist.sends.at(-1)?.at ?? Number.NEGATIVE_INFINITY;
    const quietSince = Math.max(lastSend, journal.lastGrowthAt);
    if (now - lastKey >= SETTLE_MS && typist.inFlight.size === 0 && now - quietSince >= QUIET_MS) break;
    if (now - lastKey > SETTLE_CAP_MS) throw new Error(`still busy ${ms(SETTLE_CAP_MS)} after the last key`);
    await sleep(50);
  }
  const toJournal = await journal.stop();
  return {
    reading: await readProbe(typist.page, text.length),
    keyTimes,
    toMain: typist.sends.filter((send) => send.at >= from),
    toJournal,
  };
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
 * folded into its snapshot would otherwise be counted against this one's keys).
 */
async function measureSize(
  browser: Browser,
  size: Size,
  index: number,
  options: BenchOptions,
  keys: number,
): Promise<{ opus: Burst[]; bare: Burst[] }> {
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
    if (!options.smoke) {
      await burst(opusTypist, typingText(WARM_UP_KEYS), journal);
      await burst(bareTypist, typingText(WARM_UP_KEYS), journal);
    }
    const runs = { opus: [] as Burst[], bare: [] as Burst[] };
    const typed = typingText(keys);
    for (let run = 0; run < options.runs; run++) {
      const order = run % 2 === 0 ? (['opus', 'bare'] as const) : (['bare', 'opus'] as const);
      for (const side of order) {
        runs[side].push(await burst(side === 'opus' ? opusTypist : bareTypist, typed, journal));
      }
      const last = (side: 'opus' | 'bare') => runs[side][run] as Burst;
      options.log(
        `typing ${size.label} run ${run + 1}: key → paint p98 opus ${ms(p98(last('opus')))}, ` +
          `bare ${ms(p98(last('bare')))}; longest task opus ${ms(longest(last('opus')))}, ` +
          `bare ${ms(longest(last('bare')))}; per key to main ${kib(toMainPerKey(last('opus')))} KiB, ` +
          `to the journal ${kib(toJournalPerKey(last('opus')))} KiB`,
      );
    }
    // Without beforeunload: the document is dirty, and nobody is there to answer.
    await opusTypist.page.close({ runBeforeUnload: false });
    await opusContext.close();
    return runs;
  } finally {
    await journal.close();
    await bareContext.close();
    await bare.close();
    await opus.stop();
  }
}

const p98 = (burst: Burst) => percentile(burst.reading.keyToPaint, 98);
/** How late the bench sent its latest key (its own thread busy): such a key's wait is not measured. */
const lateness = ({ keyTimes }: Burst) =>
  Math.max(0, ...keyTimes.map((at, i) => at - ((keyTimes[0] ?? at) + (i * 1000) / PER_SECOND)));
const longest = (burst: Burst) => Math.max(0, ...burst.reading.longTasks);
const toMainPerKey = (burst: Burst) => median(bytesPerKey(burst.keyTimes, burst.toMain));
const toJournalPerKey = (burst: Burst) => median(bytesPerKey(burst.keyTimes, burst.toJournal));
const kib = (bytes: number) => (bytes / 1024).toFixed(bytes >= 1024 * 100 ? 0 : 2);
const list = (bursts: Burst[], of: (burst: Burst) => number, format: (value: number) => string) =>
  bursts.map((burst) => format(of(burst))).join(', ');
const total = (sends: Sent[]) => sends.reduce((sum, send) => sum + send.bytes, 0);

function figuresOf(size: Size, keys: number, runs: { opus: Burst[]; bare: Burst[] }): Figure[] {
  const { opus, bare } = runs;
  const count = opus.length;
  const burstText =
    `${count} burst(s) each, interleaved, order alternating, after a ${WARM_UP_KEYS}-key warm-up each ` +
    `(none in the smoke run); a burst is ${keys} keys at ${PER_SECOND}/s (prose, an Enter about every 30 keys) ` +
    `at the end of the document (Ctrl+End), each key sent on schedule through CDP without waiting for the page`;
  const round = (value: number) => `${Math.round(value)}`;
  const bytesNote = (sends: (burst: Burst) => Sent[], what: string) => {
    const perKey = (burst: Burst) => median(bytesPerKey(burst.keyTimes, sends(burst)));
    const mib = (burst: Burst) => `${(total(sends(burst)) / 2 ** 20).toFixed(1)} MiB`;
    return (
      `${burstText}. ${what} Per key, each send is charged to the keys typed since the previous send, ` +
      `split evenly (bytes after the last key's send spread over all keys); the median key per burst, then ` +
      `the median burst. Per burst, KiB per key: ${list(opus, perKey, kib)}; sends: ` +
      `${list(opus, (burst) => sends(burst).length, round)}; in all: ${opus.map(mib).join(', ')} ` +
      `(a mean of ${list(opus, (burst) => total(sends(burst)) / keys, kib)} KiB per key).`
    );
  };
  return [
    {
      name: `keystroke → paint p98, typing at the end of a ${size.label} document`,
      baseline: 'bare Monaco page, same options, same text',
      value: median(opus.map(p98)),
      baselineValue: median(bare.map(p98)),
      unit: 'ms',
      target: { kind: 'ratio-at-most', limit: 1.2 },
      note:
        `${burstText}. From the keydown's timestamp (when the browser took the key, so a key waiting behind ` +
        `a long task counts its wait) to a message posted from the next frame's requestAnimationFrame (the ` +
        `frame rendered); p98 per burst, then the median burst. Opus per burst: ${list(opus, p98, round)} ms; ` +
        `bare: ${list(bare, p98, round)} ms. The latest key left the bench late by (Opus) ` +
        `${list(opus, lateness, round)} ms, (bare) ${list(bare, lateness, round)} ms.`,
    },
    {
      name: `longest main-thread task while typing, ${size.label} document`,
      baseline: 'bare Monaco page, same bursts',
      value: median(opus.map(longest)),
      baselineValue: median(bare.map(longest)),
      unit: 'ms',
      target: { kind: 'ratio-at-most-or-under', limit: 1.2, floor: 50 },
      note:
        `${burstText}. The Long Tasks API (tasks over 50 ms; 0 means none) from the first key until the page ` +
        `and the host were quiet (${SETTLE_MS} ms after the last key at least); the longest per burst, then the ` +
        `median burst. Opus per burst: ${list(opus, longest, round)} ms (tasks over 50 ms: ` +
        `${list(opus, (b) => b.reading.longTasks.length, round)}); bare: ${list(bare, longest, round)} ms ` +
        `(${list(bare, (b) => b.reading.longTasks.length, round)}).`,
    },
    {
      name: `bytes sent to main per keystroke, ${size.label} document`,
      baseline: null,
      value: median(opus.map(toMainPerKey)) / 1024,
      baselineValue: null,
      unit: 'KiB',
      target: { kind: 'value-at-most', limit: 1 },
      note: bytesNote(
        (b) => b.toMain,
        "Counted: the body of every POST the page made to the host's /api/ (Playwright's request.postDataBuffer).",
      ),
    },
    {
      name: `bytes written to the journal per keystroke, ${size.label} document`,
      baseline: null,
      value: median(opus.map(toJournalPerKey)) / 1024,
      baselineValue: null,
      unit: 'KiB',
      target: { kind: 'value-at-most', limit: 1 },
      note: bytesNote(
        (b) => b.toJournal,
        `Counted: bytes written under the host's data folder journal/, its files sampled every 10 ms by ` +
          `generation (inode and birth time), so a file rewritten whole counts its full size each time and a ` +
          `log appended to counts its growth.`,
      ),
    },
  ];
}

/**
 * Typing into a large document (issue 6): bursts of keys at a person's pace at the end of a 1 MiB and a
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
      figures.push(...figuresOf(size, keys, await measureSize(browser, size, index, options, keys)));
    }
    return figures;
  } finally {
    await browser.close();
  }
}
