import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import type { Dropbox } from 'dropbox';
import { ROOT, startNode } from '../../e2e/test-support/child-process.ts';
import { CHROMIUM_LAUNCH } from '../../e2e/test-support/chromium.ts';
import { localboxClient } from '../../e2e/test-support/localbox-client.ts';
import { STORED_SECRET } from '../../electron/host/page-protocol.ts';

/** The built app the figures run: `out/`, or a copy of it (OPUS_BENCH_OUT, relative to the repo root). */
export const OUT = resolve(ROOT, process.env.OPUS_BENCH_OUT ?? 'out');

/** Generous: a 1 MiB document on two busy cores still opens in a few seconds. */
export const STEP_TIMEOUT_MS = 60_000;

export function assertBuilt(): void {
  if (!existsSync(join(OUT, 'renderer', 'index.html')) || !existsSync(join(OUT, 'host', 'cli.js'))) {
    throw new Error(
      `The browser figures run the built app, and ${OUT} has none: run npm run build (or point OPUS_BENCH_OUT at a build).`,
    );
  }
}

/** The browser and launch arguments the end-to-end tests use. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}

export const VIEWPORT = { width: 1100, height: 720 };

/** The first line of a benchmark text: no spaces (Monaco shows those as no-break spaces), one per document. */
export const markerOf = (index: number) => `OPUS-BENCH-doc-${index}`;

/** `bytes` of ASCII prose in ~70-character lines, the same for the same arguments. */
export function benchText(bytes: number, index: number, salt = 0): string {
  let seed = (index + 1) * 2654435761 + salt * 40503;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const words = ['dropbox', 'opus', 'merge', 'revision', 'text', 'editor', 'line', 'save', 'the', 'of'];
  const lines = [markerOf(index)];
  let size = lines[0]?.length ?? 0;
  while (size < bytes) {
    let line = '';
    while (line.length < 70) line += `${words[Math.floor(random() * words.length)]} `;
    lines.push(line.trimEnd());
    size += line.length;
  }
  return lines.join('\n').slice(0, bytes);
}

export interface OpusHost {
  origin: string;
  /** Carries the launch secret: a tab that opens it is handed the secret, kept for that tab only. */
  url: string;
  /** The official SDK on the host's embedded localbox: another computer. */
  dropbox: Dropbox;
  /** The host's data folder (its journal is in journal/). */
  dataDir: string;
  stop(): Promise<void>;
}

/** A fresh data folder whose Dropbox holds `files`, and the browser host started on it. */
export async function startOpusHost(files: Record<string, string>): Promise<OpusHost> {
  assertBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-bench-'));
  const standalone = await startNode(
    join(OUT, 'localbox', 'cli.js'),
    ['--data-dir', join(dataDir, 'localbox'), '--port', '0', '--print-token', '--log-level', 'error'],
    2,
  );
  let token = '';
  try {
    const url = /listening on (\S+)/.exec(standalone.lines[0] ?? '')?.[1] ?? '';
    token = /^access_token=(\S+)/.exec(standalone.lines[1] ?? '')?.[1] ?? '';
    if (!url || !token) throw new Error(`localbox did not start: ${standalone.lines.join('\n')}`);
    const seeding = localboxClient(url, token);
    for (const [path, contents] of Object.entries(files)) {
      await seeding.filesUpload({ path, contents, mode: { '.tag': 'add' } });
    }
  } finally {
    await standalone.stop();
  }
  const host = await startNode(join(OUT, 'host', 'cli.js'), ['--data-dir', dataDir, '--sign-in-ports', '0']);
  const [, url, localboxUrl] = /^opus web (\S+) localbox=(\S+)/.exec(host.lines[0] ?? '') ?? [];
  if (!url || !localboxUrl) throw new Error(`the browser host did not start: ${host.lines[0]}`);
  return {
    origin: new URL(url).origin,
    url,
    dropbox: localboxClient(localboxUrl, token),
    dataDir,
    stop: async () => {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser context signed in to Opus: the consent page is answered once; the vault in the data folder
 * keeps the session, so later pages open signed in. Each later page starts holding the launch secret,
 * as a tab that opened the printed address does, so the figures time the app and not that hand-over.
 */
export async function signedInContext(browser: Browser, opus: OpusHost): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(
    (held: { origin: string; key: string; secret: string }) => {
      const tab = globalThis as unknown as InTab;
      if (tab.location.origin === held.origin) tab.sessionStorage.setItem(held.key, held.secret);
    },
    { origin: opus.origin, key: STORED_SECRET, secret: new URL(opus.url).searchParams.get('secret') ?? '' },
  );
  const page = await context.newPage();
  await page.goto(opus.url);
  const consentOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in to localbox' }).click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  await page
    .getByRole('toolbar', { name: 'Document' })
    .getByRole('button', { name: /^Account: / })
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  await consent.close();
  await page.close();
  return context;
}

/** What the init script of `signedInContext` touches in each page. */
interface InTab {
  location: { origin: string };
  sessionStorage: { setItem(key: string, value: string): void };
}

/**
 * The page's side of the callbacks handed to `page.evaluate`: they run in Chromium, but this folder is
 * type-checked for Node, so the little of the DOM they touch is typed here.
 */
export interface InPage {
  document: {
    activeElement: InPageElement | null;
    querySelector(selector: string): InPageElement | null;
  };
  requestAnimationFrame(callback: () => void): number;
  performance: {
    timeOrigin: number;
    now(): number;
    getEntriesByType(type: 'navigation' | 'resource'): InPageTiming[];
  };
  bannerShownAt?: number;
}

interface InPageElement {
  textContent: string | null;
  closest(selector: string): InPageElement | null;
  getBoundingClientRect(): { height: number };
}

interface InPageTiming {
  name: string;
  startTime: number;
  responseEnd: number;
  domContentLoadedEventEnd?: number;
}

/**
 * Waits, frame by frame, until Monaco has the keyboard and shows `text`; answers the page's clock then
 * (milliseconds since navigation start).
 */
export async function whenEditorShows(page: Page, text: string, focused = true): Promise<number> {
  const handle = await page.waitForFunction(
    ({ text, focused }) => {
      const { document, performance } = globalThis as unknown as InPage;
      const lines = document.querySelector('.monaco-editor .view-lines');
      const typing = !!document.activeElement?.closest('.monaco-editor');
      return (!focused || typing) && lines?.textContent?.includes(text) ? performance.now() : 0;
    },
    { text, focused },
    { polling: 'raf', timeout: STEP_TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as number;
}

/** "Accepting typing": a key typed at the cursor (line 1, column 1) shows in the editor's text. */
export async function typeAndSee(page: Page, marker: string): Promise<number> {
  await page.keyboard.type('Q');
  return whenEditorShows(page, `Q${marker}`);
}

/** Milliseconds, rounded for a note. */
export const ms = (value: number) => `${Math.round(value)} ms`;
