import { expect, test } from '@playwright/test';
import { opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';

const session = opusPerTest();

test('a link that names no Dropbox file, or a folder, says so and offers what it can', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/top.txt': 'Top.\n', '/Notes/inside.md': 'Inside.\n' });
  await signInAndOpen(page, context, opus.url, '/top.txt');
  const link = (path: string) => {
    const address = new URL(opus.url);
    address.searchParams.delete('secret');
    address.searchParams.set('open', path);
    return address.href;
  };

  // Not a Dropbox path at all: nothing to rename, nothing of the user's at stake.
  await page.goto(link('/../../etc/passwd'));
  await expect(page.getByRole('alert', { name: 'Notice' })).toContainText(
    '/../../etc/passwd is not the path of a Dropbox file, so nothing was opened. Check the link, or use Open… to choose the file.',
  );
  await shot(page, 'link-not-a-path');

  // A folder: said to be one, and shown to choose a file from.
  await page.goto(link('/Notes'));
  await expect(page.getByRole('status', { name: 'Notice' })).toContainText(
    '/Notes is a folder, not a file, so it was not opened.',
  );
  const dialog = page.getByRole('dialog', { name: 'Open from Dropbox' });
  await expect(dialog.getByRole('option', { name: /inside\.md/ })).toBeVisible();
  await shot(page, 'link-a-folder');
  await dialog.getByRole('option', { name: /inside\.md/ }).dblclick();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Inside.');
});
