import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type Started, startNode } from './test-support/child-process.ts';
import { shot } from './test-support/opus-session.ts';

let dataDir: string | undefined;
let host: Started | undefined;

test.afterEach(async () => {
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The browser host on `dataDir`; it reads the app key from Settings at start. */
async function startHost(): Promise<string> {
  host = await startNode('out/host/cli.js', ['--data-dir', dataDir as string, '--sign-in-ports', '0']);
  const url = /^opus web (\S+)/.exec(host.lines[0] ?? '')?.[1];
  expect(url, host.lines[0]).toBeTruthy();
  return url as string;
}

test('Settings: a Dropbox app key makes the next start use Dropbox; clearing it goes back to localbox', async ({
  page,
}) => {
  dataDir = mkdtempSync(join(tmpdir(), 'opus-e2e-settings-'));
  await page.goto(await startHost());
  await page.getByRole('button', { name: 'Use your Dropbox instead…' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const key = settings.getByLabel('Dropbox app key');
  await key.fill('Not A Key!');
  await expect(settings).toContainText('5 to 40 lowercase letters and digits');
  await expect(settings.getByRole('button', { name: 'Save' })).toBeDisabled();
  await key.fill('abcde12345');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved. Opus uses your Dropbox from its next start.');
  await shot(page, 'settings-1-app-key');
  await settings.getByRole('button', { name: 'Close' }).click();

  // The next start: Dropbox, not the local account.
  await host?.stop();
  await page.goto(await startHost());
  await expect(page.getByRole('button', { name: 'Sign in with Dropbox' })).toBeVisible();
  await page.getByRole('button', { name: 'Settings…' }).click();
  await expect(key).toHaveValue('abcde12345');
  await key.fill('');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('status')).toHaveText(
    'Saved. Opus uses the localbox on this computer from its next start.',
  );

  await host?.stop();
  await page.goto(await startHost());
  await expect(page.getByRole('button', { name: 'Sign in to localbox' })).toBeVisible();
});
