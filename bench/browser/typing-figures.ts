import { type Figure, median, percentile } from '../figure.ts';
import { ms } from './browser-kit.ts';
import { bytesPerKey, type Sent } from './bytes-per-key.ts';
import type { ProbeReading } from './keystrokes.ts';

export const PER_SECOND = 15;
/** A first burst per page, not counted: it compiles the typing paths and makes the document dirty. */
export const WARM_UP_KEYS = 15;
/** How long after the last key main may take to hear of it (today: a second, the note's throttle). */
export const HEARD_WAIT_MS = 10_000;

/** What one burst of keys cost. */
export interface Burst {
  reading: ProbeReading;
  /** When the bench sent each key (the shared clock). */
  sentAt: number[];
  /** When the burst began: what Opus sent from then until its next burst is this one's. */
  from: number;
  /** Main was not told of the last key in time (Opus): the keys not sent cost nothing here. */
  unheard: boolean;
  toMain: Sent[];
  toJournal: Sent[];
}

const p98 = (burst: Burst) => percentile(burst.reading.keyToPaint, 98);
const longest = (burst: Burst) => Math.max(0, ...burst.reading.longTasks);
/** How late the bench sent its latest key (its own thread busy): that key's wait is not measured. */
const lateness = ({ sentAt }: Burst) =>
  Math.max(0, ...sentAt.map((at, i) => at - ((sentAt[0] ?? at) + (i * 1000) / PER_SECOND)));
/** Each key is charged from when the page handled it: a request started before that cannot carry it. */
const perKey = (burst: Burst, sends: Sent[]) => median(bytesPerKey(burst.reading.handledAt, sends));
const total = (sends: Sent[]) => sends.reduce((sum, send) => sum + send.bytes, 0);

const unheard = (bursts: Burst[]) => {
  const count = bursts.filter((burst) => burst.unheard).length;
  return count
    ? ` In ${count} burst(s) no request started after the last key within ${HEARD_WAIT_MS / 1000} s.`
    : '';
};
const kib = (bytes: number) => (bytes / 1024).toFixed(bytes >= 100 * 1024 ? 0 : 2);
const bytesText = (bytes: number) =>
  bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
const round = (value: number) => `${Math.round(value)}`;
const list = (bursts: Burst[], of: (burst: Burst) => number, format: (value: number) => string) =>
  bursts.map((burst) => format(of(burst))).join(', ');

/** One line per run for the log: the last burst of each page. */
export function describeRun(opus: Burst[], bare: Burst[]): string {
  const [o, b] = [opus.at(-1), bare.at(-1)] as [Burst, Burst];
  return (
    `key → paint p98 opus ${ms(p98(o))}, bare ${ms(p98(b))}; ` +
    `longest task opus ${ms(longest(o))}, bare ${ms(longest(b))}`
  );
}

/** The four figures of one document size: keystroke → paint, longest task, bytes to main and to the journal. */
export function typingFigures(size: string, keys: number, runs: { opus: Burst[]; bare: Burst[] }): Figure[] {
  const { opus, bare } = runs;
  const bursts =
    `${opus.length} burst(s) each, interleaved, order alternating, after a ${WARM_UP_KEYS}-key warm-up each ` +
    `(none in the smoke run); a burst is ${keys} keys at ${PER_SECOND}/s (prose, an Enter about every 30 ` +
    `keys) at the end of the document (Ctrl+End), each key sent on schedule through CDP without waiting ` +
    `for the page`;
  const bytesNote = (sends: (burst: Burst) => Sent[], what: string) =>
    `${bursts}. ${what} Each send is charged to the keys the page handled since the previous send, split ` +
    `evenly; the median key per burst, then the median burst. Per burst, KiB per key: ` +
    `${list(opus, (burst) => perKey(burst, sends(burst)), kib)}; sends: ` +
    `${list(opus, (burst) => sends(burst).length, round)}; in all ` +
    `${list(opus, (burst) => total(sends(burst)), bytesText)}, a mean of ` +
    `${list(opus, (burst) => total(sends(burst)) / keys, kib)} KiB per key.`;
  return [
    {
      name: `keystroke → paint p98, typing at the end of a ${size} document`,
      baseline: 'bare Monaco page, same options, same text',
      value: median(opus.map(p98)),
      baselineValue: median(bare.map(p98)),
      unit: 'ms',
      target: { kind: 'ratio-at-most', limit: 1.2 },
      note:
        `${bursts}. From the keydown's timestamp (when the browser took the key, so a key waiting behind ` +
        `a long task counts its wait) to a message posted from the next frame's requestAnimationFrame (the ` +
        `frame rendered); p98 per burst, then the median burst. Opus per burst: ${list(opus, p98, round)} ms; ` +
        `bare: ${list(bare, p98, round)} ms. The latest key left the bench late by (Opus) ` +
        `${list(opus, lateness, round)} ms, (bare) ${list(bare, lateness, round)} ms.`,
    },
    {
      name: `longest main-thread task while typing, ${size} document (median burst)`,
      baseline: 'bare Monaco page, same bursts, its longest in any burst (a task the bare page also has)',
      value: median(opus.map(longest)),
      baselineValue: Math.max(...bare.map(longest)),
      unit: 'ms',
      target: { kind: 'ratio-at-most-or-under', limit: 1.2, floor: 50 },
      note:
        `${bursts}. The Long Tasks API (tasks over 50 ms; 0 means none) from the first key until the burst ` +
        `is over: 1 s after the last key at least and, for Opus, once main has heard of the last key and the ` +
        `journal is quiet. Opus's longest per burst, the median burst, against the bare page's longest in ` +
        `any burst: single tasks of 50-150 ms come and go in either page while other processes share the two ` +
        `cores, so a typical Opus burst is asked for no task longer than the bare page's worst. ` +
        `Opus per burst: ` +
        `${list(opus, longest, round)} ms (tasks over 50 ms: ` +
        `${list(opus, (burst) => burst.reading.longTasks.length, round)}); bare: ${list(bare, longest, round)} ` +
        `ms (${list(bare, (burst) => burst.reading.longTasks.length, round)}).`,
    },
    {
      name: `bytes sent to main per keystroke, ${size} document`,
      baseline: null,
      value: median(opus.map((burst) => perKey(burst, burst.toMain))) / 1024,
      baselineValue: null,
      unit: 'KiB',
      target: { kind: 'value-at-most', limit: 1 },
      note:
        bytesNote(
          (burst) => burst.toMain,
          "Counted: the body of every POST the page made to the host's /api/ (Playwright's postDataBuffer), " +
            'timed by the browser when the request started, from the burst to the next one.',
        ) + unheard(opus),
    },
    {
      name: `bytes written to the journal per keystroke, ${size} document`,
      baseline: null,
      value: median(opus.map((burst) => perKey(burst, burst.toJournal))) / 1024,
      baselineValue: null,
      unit: 'KiB',
      target: { kind: 'value-at-most', limit: 1 },
      note: bytesNote(
        (burst) => burst.toJournal,
        "Counted: bytes written under the host's data folder journal/, its files sampled every 10 ms on a " +
          'thread of their own, by generation (device, inode, birth time), so a file rewritten whole counts ' +
          'its full size each time and a log appended to counts its growth, from the burst to the next one.',
      ),
    },
  ];
}
