import { expect, type Page, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot, shotInBothSchemes, signIn } from './test-support/opus-session.ts';

const LONG =
  'A very long file name that goes on and on, far past what one row of the Open dialog can show.txt';

const FILES = {
  '/alpha.txt': 'Alpha.\n',
  '/beta.txt': 'Beta.\n',
  [`/${LONG}`]: 'Long.\n',
  '/notes/gamma.txt': 'Gamma, in notes.\n',
};

const session = opusPerTest();

async function openDialog(page: Page) {
  await page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: 'Open…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open from Dropbox' });
  await expect(dialog.getByRole('option').first()).toBeVisible();
  return dialog;
}

const tab = (page: Page, name: string) =>
  page.getByRole('tablist', { name: 'Open documents' }).getByRole('tab', { name, selected: true });

test('typing filters the folder, and a long name is cut with the whole of it in the tooltip', async ({
  page,
  context,
}) => {
  const opus = await session.start(FILES);
  await signIn(page, context, opus.url);
  const dialog = await openDialog(page);

  const row = dialog.getByRole('option', { name: /A very long file name/ });
  const name = row.locator('.file-name');
  await expect(name).toHaveAttribute('title', LONG);
  const cut = await name.locator('.file-name-text').evaluate((span) => span.scrollWidth > span.clientWidth);
  expect(cut).toBe(true);
  await shot(page, 'open-1-long-name');

  // The list has focus: typing goes to the filter, and the rows follow.
  await page.keyboard.type('zz');
  await expect(dialog.getByRole('searchbox', { name: 'Filter this folder' })).toHaveValue('zz');
  await expect(dialog.getByRole('option')).toHaveCount(0);
  await expect(dialog).toContainText('Nothing in this folder matches the filter.');
  await dialog.getByRole('searchbox', { name: 'Filter this folder' }).fill('');
  await page.keyboard.type('BET');
  await expect(dialog.getByRole('option')).toHaveCount(1);
  await expect(dialog.getByRole('option', { name: /beta\.txt/, selected: true })).toBeVisible();
  await shot(page, 'open-2-filtered');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(tab(page, 'beta.txt')).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Beta.');
});

test('Ctrl+L takes a path: a folder is gone to, a file opened, and a wrong one explained', async ({
  page,
  context,
}) => {
  const opus = await session.start(FILES);
  await signIn(page, context, opus.url);
  const dialog = await openDialog(page);

  await page.keyboard.press('Control+L');
  const field = dialog.getByRole('textbox', { name: 'Go to' });
  await expect(field).toBeFocused();
  await field.fill('/Notes/');
  await field.press('Enter');
  await expect(dialog.getByRole('option', { name: /gamma\.txt/ })).toBeVisible();
  await expect(dialog.getByRole('option', { name: /alpha\.txt/ })).toBeHidden();

  await page.keyboard.press('Control+L');
  await field.fill('/notes/missing.txt');
  await field.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(
    'There is nothing at /notes/missing.txt in your Dropbox. Check the path, or browse to it below.',
  );
  await expect(field).toHaveValue('/notes/missing.txt');
  await shotInBothSchemes(page, 'open-3-missing-path');
  // Escape puts the field away and keeps the dialog; Ctrl+L brings it back.
  await field.press('Escape');
  await expect(field).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('searchbox')).toBeFocused();
  await page.keyboard.press('Control+L');

  await field.fill('/notes/gamma.txt');
  await field.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(tab(page, 'gamma.txt')).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Gamma, in notes.');
});

test('after an upload, the notice offers to open what was uploaded', async ({ page, context }) => {
  const opus = await session.start(FILES);
  await signIn(page, context, opus.url);
  await page.getByRole('button', { name: 'Upload Local File…' }).click();
  const upload = page.getByRole('dialog', { name: 'Upload to Dropbox' });
  await upload.getByLabel('Local file').setInputFiles({
    name: 'recipe.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Flour, water, salt.\n'),
  });
  await expect(upload.getByRole('textbox', { name: 'File name' })).toHaveValue('recipe.txt');
  await upload.getByRole('button', { name: 'Upload' }).click();

  const notice = page.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText('Uploaded recipe.txt to /recipe.txt.');
  await shot(page, 'open-4-uploaded');
  await notice.getByRole('button', { name: 'Open it' }).click();
  await expect(tab(page, 'recipe.txt')).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Flour, water, salt.');
  expect((await downloadText(opus.dropbox, '/recipe.txt')).text).toBe('Flour, water, salt.\n');
});
