import { expect, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot } from './test-support/opus-session.ts';
import { shownRev } from './test-support/shown-revs.ts';

const FILE = '/magnum-opus.txt';
const ORIGINAL = 'Call me Ishmael.\nSome years ago, never mind how long precisely.\n';
const TYPED = 'Written in Opus';

const session = opusPerTest();

test('sign in, open a Dropbox file, edit it, save it with a new revision', async ({ page, context }) => {
  const { dropbox, url } = await session.start({ [FILE]: ORIGINAL, '/Notes/plan.md': '# Plan\n' });
  const { result: account } = await dropbox.usersGetCurrentAccount();
  const before = await downloadText(dropbox, FILE);

  await page.goto(url);
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
  await shownRev(page.locator('.status-rev'), before.rev);

  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(TYPED);
  await expect(status).toHaveText('Unsaved');
  await page.keyboard.press('Control+S');
  await expect(status).toHaveText(/^Saved rev [0-9a-f]+$/);
  const after = await downloadText(dropbox, FILE);
  expect(after.rev).not.toBe(before.rev);
  await expect(status).toHaveText(`Saved rev ${await shownRev(page.locator('.status-rev'), after.rev)}`);
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
