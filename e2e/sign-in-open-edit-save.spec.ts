import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { ROOT, type Started, startNode } from './support/child-process.ts';
import { downloadText, localboxClient } from './support/localbox-client.ts';

const SHOTS = join(ROOT, 'test-results', 'screenshots');
const FILE = '/magnum-opus.txt';
const ORIGINAL = 'Call me Ishmael.\nSome years ago, never mind how long precisely.\n';
const TYPED = 'Written in Opus';

let dataDir: string;
let token: string;
let host: Started | undefined;

/**
 * "Another computer" puts a file in the Dropbox first: a standalone localbox on the data folder that
 * the browser host's embedded localbox will use (`<data-dir>/localbox`), stopped before the host starts.
 */
test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'opus-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  const seed = await startNode(
    'out/localbox/cli.js',
    ['--data-dir', join(dataDir, 'localbox'), '--port', '0', '--print-token', '--log-level', 'error'],
    2,
  );
  try {
    const url = /listening on (\S+)/.exec(seed.lines[0] ?? '')?.[1] ?? '';
    token = /^access_token=(\S+)/.exec(seed.lines[1] ?? '')?.[1] ?? '';
    expect(url && token, seed.lines.join('\n')).toBeTruthy();
    const client = localboxClient(url, token);
    await client.filesUpload({ path: FILE, contents: ORIGINAL, mode: { '.tag': 'add' } });
    await client.filesUpload({ path: '/Notes/plan.md', contents: '# Plan\n', mode: { '.tag': 'add' } });
  } finally {
    await seed.stop();
  }
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

test('sign in, open a Dropbox file, edit it, save it with a new revision', async ({ page, context }) => {
  host = await startNode('out/host/cli.js', ['--data-dir', dataDir, '--sign-in-ports', '0']);
  const [, url, localboxUrl] = /^opus web (\S+) localbox=(\S+)/.exec(host.lines[0] ?? '') ?? [];
  expect(url && localboxUrl, host.lines[0]).toBeTruthy();
  const dropbox = localboxClient(localboxUrl as string, token);
  const { result: account } = await dropbox.usersGetCurrentAccount();
  const before = await downloadText(dropbox, FILE);

  await page.goto(url as string);
  const signIn = page.getByRole('button', { name: 'Sign in to localbox' });
  await expect(signIn).toBeVisible();
  await shot(page, '1-sign-in');

  // The consent page opens in a new tab, as it would in the system browser.
  const consentOpened = context.waitForEvent('page');
  await signIn.click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  await expect(toolbar.getByText(account.name.display_name)).toBeVisible();
  await consent.close();

  const openButton = toolbar.getByRole('button', { name: 'Open…' });
  const dialog = page.getByRole('dialog', { name: 'Open from Dropbox' });
  await openButton.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(openButton).toBeFocused();

  await openButton.click();
  await expect(dialog.getByRole('option').first()).toHaveText(/Notes/);
  const row = dialog.getByRole('option', { name: /magnum-opus\.txt/ });
  await expect(row).toBeVisible();
  await expect(dialog.getByRole('listbox')).toBeFocused();
  await shot(page, '2-open-dialog');
  await row.dblclick();
  await expect(dialog).toBeHidden();

  const status = page.getByRole('status', { name: 'Save state' });
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('Call me Ishmael.');
  await expect(page.locator('.status-bar')).toContainText(FILE);
  await expect(page.locator('.status-bar')).toContainText(`rev ${before.rev.slice(-9)}`);

  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(TYPED);
  await expect(status).toHaveText('Unsaved');
  await page.keyboard.press('Control+S');
  await expect(status).toHaveText(/^Saved rev [0-9a-f]+$/);
  const after = await downloadText(dropbox, FILE);
  expect(after.rev).not.toBe(before.rev);
  await expect(status).toHaveText(`Saved rev ${after.rev.slice(-9)}`);
  expect(after.text).toBe(`${ORIGINAL}${TYPED}`);
  await shot(page, '3-editor-saved');

  // Another file, through a folder: Markdown is coloured (a token other than Monaco's default class).
  await openButton.click();
  await dialog.getByRole('option', { name: /Notes/ }).dblclick();
  await expect(dialog.getByRole('navigation', { name: 'Folder' })).toContainText('Notes');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.status-bar')).toContainText('Markdown');
  await expect(lines.locator('span[class^="mtk"]:not(.mtk1)').first()).toBeVisible();

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('.monaco-editor.vs-dark')).toBeVisible();
  await shot(page, '4-editor-dark');
});
