import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, expect, type Page } from '@playwright/test';
import type { Dropbox } from 'dropbox';
import { ROOT, type Started, startNode } from './child-process.ts';
import { localboxClient } from './localbox-client.ts';

export const SHOTS = join(ROOT, 'test-results', 'screenshots');

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

/**
 * "Another computer" puts files in the Dropbox before Opus starts: a standalone localbox on the data
 * folder the browser host's embedded localbox will use (`<data-dir>/localbox`). Its token stays valid
 * for the embedded localbox, so the test can keep acting as that other computer.
 */
export async function seedDropbox(
  files: Record<string, string>,
): Promise<{ dataDir: string; token: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  const seed = await startNode(
    'out/localbox/cli.js',
    ['--data-dir', join(dataDir, 'localbox'), '--port', '0', '--print-token', '--log-level', 'error'],
    2,
  );
  try {
    const url = /listening on (\S+)/.exec(seed.lines[0] ?? '')?.[1] ?? '';
    const token = /^access_token=(\S+)/.exec(seed.lines[1] ?? '')?.[1] ?? '';
    expect(url && token, seed.lines.join('\n')).toBeTruthy();
    const client = localboxClient(url, token);
    for (const [path, contents] of Object.entries(files)) {
      await client.filesUpload({ path, contents, mode: { '.tag': 'add' } });
    }
    return { dataDir, token };
  } finally {
    await seed.stop();
  }
}

export interface RunningOpus {
  host: Started;
  url: string;
  /** The official SDK against the host's embedded localbox: the other computer. */
  dropbox: Dropbox;
}

export async function startOpus(dataDir: string, token: string): Promise<RunningOpus> {
  const host = await startNode('out/host/cli.js', ['--data-dir', dataDir, '--sign-in-ports', '0']);
  const [, url, localboxUrl] = /^opus web (\S+) localbox=(\S+)/.exec(host.lines[0] ?? '') ?? [];
  expect(url && localboxUrl, host.lines[0]).toBeTruthy();
  return { host, url: url as string, dropbox: localboxClient(localboxUrl as string, token) };
}

/** Signs in through the consent tab and opens `path` from the Open dialog. */
export async function signInAndOpen(page: Page, context: BrowserContext, url: string, path: string) {
  await page.goto(url);
  const consentOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in to localbox' }).click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  await expect(toolbar.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await consent.close();
  await toolbar.getByRole('button', { name: 'Open…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open from Dropbox' });
  await dialog.getByRole('option', { name: new RegExp(path.slice(1).replace('.', '\\.')) }).dblclick();
  await expect(dialog).toBeHidden();
}
