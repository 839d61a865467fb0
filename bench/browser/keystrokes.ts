import type { CDPSession, Page } from '@playwright/test';

/** One key as Chromium's input pipeline takes it (what Playwright's keyboard sends, without waiting). */
interface KeyEvent {
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  text: string;
}

const keyOf = (char: string): KeyEvent => {
  if (char === '\n') return { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' };
  if (char === ' ') return { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' };
  if (char === '.') return { key: '.', code: 'Period', windowsVirtualKeyCode: 190, text: '.' };
  if (char === ',') return { key: ',', code: 'Comma', windowsVirtualKeyCode: 188, text: ',' };
  if (!/^[a-z]$/.test(char)) throw new Error(`no key for ${JSON.stringify(char)}`);
  const upper = char.toUpperCase();
  return { key: char, code: `Key${upper}`, windowsVirtualKeyCode: upper.charCodeAt(0), text: char };
};

const PROSE =
  'the merge keeps both edits, so nothing typed is lost. save the revision once the text reads well. ' +
  'opus journals what you type and sends it to dropbox when you save. ';

/** `count` keys of prose, lower case with spaces and punctuation, an Enter about every 30 keys. */
export function typingText(count: number): string {
  let text = '';
  let line = 0;
  for (let i = 0; text.length < count; i++) {
    const char = PROSE[i % PROSE.length] as string;
    if (char === ' ' && line >= 30) {
      text += '\n';
      line = 0;
    } else {
      text += char;
      line++;
    }
  }
  return text;
}

/**
 * Types `text` at `perSecond` keys a second on a fixed schedule, as a person types whether or not the
 * page keeps up: each key is sent at its time without waiting for the page (Playwright's keyboard waits
 * for the renderer to take each key, so a long task would hold back the keys behind it and hide its cost;
 * measured: a 1 s busy loop delayed one key by 1 s with Playwright's keyboard, and fifteen by 1 s down to
 * 30 ms when sent on schedule). Answers when each key was sent, on `clock`.
 */
export async function typeOnSchedule(
  cdp: CDPSession,
  text: string,
  perSecond: number,
  clock: () => number,
): Promise<number[]> {
  const sent: number[] = [];
  const acks: Promise<unknown>[] = [];
  const start = clock();
  for (const [index, char] of [...text].entries()) {
    const due = start + (index * 1000) / perSecond;
    const wait = due - clock();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const key = keyOf(char);
    sent.push(clock());
    acks.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, unmodifiedText: key.text }));
    acks.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }));
  }
  await Promise.all(acks);
  return sent;
}

/** What the probe in the page saw for each key and task. */
export interface ProbeReading {
  /** Per key: from the keydown's timestamp (when the browser took the key) to after the next paint. */
  keyToPaint: number[];
  /** Per key: when the page handled its keydown, on the wall clock (`sharedClock`'s, within a few ms). */
  handledAt: number[];
  /** Every task over 50 ms (the Long Tasks API), in ms. */
  longTasks: number[];
}

/** The page's side of the probe: the little of the DOM it touches, typed for this Node-checked folder. */
interface ProbePage {
  addEventListener(type: string, listener: (event: { timeStamp: number }) => void, capture: boolean): void;
  requestAnimationFrame(callback: () => void): number;
  MessageChannel: new () => {
    port1: { onmessage: ((event: { data: number }) => void) | null };
    port2: { postMessage(data: number): void };
  };
  PerformanceObserver: new (
    callback: (list: { getEntries(): { duration: number }[] }) => void,
  ) => { observe(options: { type: string }): void };
  performance: { now(): number; timeOrigin: number };
  opusTypingProbe?: { keys: { start: number; handled: number; painted: number }[]; tasks: number[] };
}

/**
 * Watches every key and task in the page. "After the next paint": each keydown and input arms a frame
 * callback, which posts a message; the message runs once that frame's rendering (style, layout, paint) is
 * done. Both pages get the same probe, listening on the window before the editor sees the key.
 * Not Event Timing: its durations end at the frame's presentation, which headless Chromium without a GPU
 * reports in batches (measured on the bare page: keys painted within 10-20 ms reported as up to 2 s).
 */
export async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const window = globalThis as unknown as ProbePage;
    if (window.opusTypingProbe) return;
    const probe: NonNullable<ProbePage['opusTypingProbe']> = { keys: [], tasks: [] };
    window.opusTypingProbe = probe;
    const channel = new window.MessageChannel();
    channel.port1.onmessage = ({ data }) => {
      const key = probe.keys[data];
      if (key) key.painted = Math.max(key.painted, window.performance.now());
    };
    const afterNextPaint = () => {
      const index = probe.keys.length - 1;
      window.requestAnimationFrame(() => channel.port2.postMessage(index));
    };
    window.addEventListener(
      'keydown',
      ({ timeStamp }) => {
        probe.keys.push({ start: timeStamp, handled: window.performance.now(), painted: 0 });
        afterNextPaint();
      },
      true,
    );
    window.addEventListener('input', afterNextPaint, true);
    new window.PerformanceObserver((list) => {
      for (const { duration } of list.getEntries()) probe.tasks.push(duration);
    }).observe({ type: 'longtask' });
  });
}

/** Forgets what the probe saw so far: what follows is one burst. */
export async function resetProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = (globalThis as unknown as ProbePage).opusTypingProbe;
    if (!probe) throw new Error('the typing probe is not installed');
    probe.keys.length = 0;
    probe.tasks.length = 0;
  });
}

/**
 * Waits until the page has handled `keys` keys since the reset; answers when it handled the last one, on
 * the wall clock: a request the page starts after that can carry every key.
 */
export async function whenKeysHandled(page: Page, keys: number, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    (keys) => {
      const { opusTypingProbe: probe, performance } = globalThis as unknown as ProbePage;
      const last = probe?.keys[keys - 1];
      return last ? performance.timeOrigin + last.handled : 0;
    },
    keys,
    { polling: 100, timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

/** What the probe saw since the reset; throws unless every one of `keys` keys arrived and was painted. */
export async function readProbe(page: Page, keys: number): Promise<ProbeReading> {
  const { probe, timeOrigin } = await page.evaluate(() => {
    const { opusTypingProbe: probe, performance } = globalThis as unknown as ProbePage;
    return { probe, timeOrigin: performance.timeOrigin };
  });
  if (!probe) throw new Error('the typing probe is not installed');
  const painted = probe.keys.filter((key) => key.painted > 0).length;
  if (probe.keys.length !== keys || painted !== keys) {
    throw new Error(`the page took ${probe.keys.length} of ${keys} keys and painted ${painted}`);
  }
  return {
    keyToPaint: probe.keys.map((key) => key.painted - key.start),
    handledAt: probe.keys.map((key) => timeOrigin + key.handled),
    longTasks: probe.tasks,
  };
}
