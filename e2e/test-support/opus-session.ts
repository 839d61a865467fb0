import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import type { Dropbox } from 'dropbox';
import { ROOT, type Started, startNode } from './child-process.ts';
import { localboxClient } from './localbox-client.ts';

export const SHOTS = join(ROOT, 'test-results', 'screenshots');

/** The built app the tests run: `out/`, or a copy of it (OPUS_E2E_OUT) so a second run can use its own. */
const OUT = process.env.OPUS_E2E_OUT ?? 'out';

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

/** The screen as it is, in the light scheme (`name`) and the dark one (`name-dark`); light again after. */
export async function shotInBothSchemes(page: Page, name: string) {
  await page.emulateMedia({ colorScheme: 'light' });
  await shot(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * "Another computer" acting while Opus is not running: a standalone localbox on the data folder the
 * browser host's embedded localbox uses (`<data-dir>/localbox`), stopped before `work` returns. The
 * token it prints stays valid for the embedded localbox, so the test can keep acting as that computer.
 */
export async function whileOpusIsDown<T>(
  dataDir: string,
  work: (dropbox: Dropbox, token: string) => Promise<T>,
): Promise<T> {
  const standalone = await startNode(
    join(OUT, 'localbox', 'cli.js'),
    ['--data-dir', join(dataDir, 'localbox'), '--port', '0', '--print-token', '--log-level', 'error'],
    2,
  );
  try {
    const url = /listening on (\S+)/.exec(standalone.lines[0] ?? '')?.[1] ?? '';
    const token = /^access_token=(\S+)/.exec(standalone.lines[1] ?? '')?.[1] ?? '';
    expect(url && token, standalone.lines.join('\n')).toBeTruthy();
    return await work(localboxClient(url, token), token);
  } finally {
    await standalone.stop();
  }
}

/** A fresh data folder whose Dropbox already holds `files` (text, or exact bytes). */
export async function seedDropbox(
  files: Record<string, string | Uint8Array>,
): Promise<{ dataDir: string; token: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  const token = await whileOpusIsDown(dataDir, async (client, token) => {
    for (const [path, contents] of Object.entries(files)) {
      await client.filesUpload({ path, contents, mode: { '.tag': 'add' } });
    }
    return token;
  });
  return { dataDir, token };
}

export interface RunningOpus {
  host: Started;
  url: string;
  /** The host's embedded localbox, for its control routes (`--localbox-faults`). */
  localboxUrl: string;
  /** The official SDK against the host's embedded localbox: the other computer. */
  dropbox: Dropbox;
}

/** Starts the browser host on `dataDir`; `extraArgs` go to its CLI (e.g. `--localbox-faults`). */
export async function startOpus(
  dataDir: string,
  token: string,
  extraArgs: string[] = [],
): Promise<RunningOpus> {
  const host = await startNode(join(OUT, 'host', 'cli.js'), [
    '--data-dir',
    dataDir,
    '--sign-in-ports',
    '0',
    ...extraArgs,
  ]);
  const [, url, localboxUrl] = /^opus web (\S+) localbox=(\S+)/.exec(host.lines[0] ?? '') ?? [];
  expect(url && localboxUrl, host.lines[0]).toBeTruthy();
  return {
    host,
    url: url as string,
    localboxUrl: localboxUrl as string,
    dropbox: localboxClient(localboxUrl as string, token),
  };
}

export interface OpusUnderTest {
  /** A fresh Dropbox holding `files`, and an Opus (browser host) on it. */
  start(files: Record<string, string | Uint8Array>): Promise<RunningOpus>;
  /** The next start on the same data folder (after a kill, or with Dropbox changed meanwhile). */
  restart(): Promise<RunningOpus>;
  /** The data folder of this test's Opus and its embedded localbox. */
  readonly dataDir: string;
}

/**
 * Each test its own Dropbox and its own Opus, so one test's revisions and journal never leak into
 * another: registers the afterEach that stops the host and removes the data folder.
 */
export function opusPerTest(hostArgs: string[] = []): OpusUnderTest {
  let seeded: { dataDir: string; token: string } | undefined;
  let running: RunningOpus | undefined;
  test.afterEach(async () => {
    await running?.host.stop();
    running = undefined;
    if (seeded) rmSync(seeded.dataDir, { recursive: true, force: true });
    seeded = undefined;
  });
  const launch = async () => {
    if (!seeded) throw new Error('start() first');
    running = await startOpus(seeded.dataDir, seeded.token, hostArgs);
    return running;
  };
  return {
    start: async (files) => {
      seeded = await seedDropbox(files);
      return launch();
    },
    restart: launch,
    get dataDir() {
      if (!seeded) throw new Error('start() first');
      return seeded.dataDir;
    },
  };
}

/** Opens `path` from the Open dialog (a file at the Dropbox's top level). */
export async function openFromDropbox(page: Page, path: string) {
  await page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: 'Open…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open from Dropbox' });
  const name = path.slice(1).replace(/[.()]/g, (c) => `\\${c}`);
  await dialog.getByRole('option', { name: new RegExp(name) }).dblclick();
  await expect(dialog).toBeHidden();
}

/** Signs in through the consent tab: the workspace shows, with no document open. */
export async function signIn(page: Page, context: BrowserContext, url: string) {
  await page.goto(url);
  const consentOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in to localbox' }).click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  await expect(toolbar.getByRole('button', { name: /^Account: / })).toBeVisible();
  await consent.close();
}

/** Signs in through the consent tab and opens `path` from the Open dialog. */
export async function signInAndOpen(page: Page, context: BrowserContext, url: string, path: string) {
  await signIn(page, context, url);
  await openFromDropbox(page, path);
}
