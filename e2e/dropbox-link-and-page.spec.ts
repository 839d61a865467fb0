import { expect, test } from '@playwright/test';
import { clearClipboard, readClipboard } from './test-support/clipboard.ts';
import { opusPerTest, shotInBothSchemes, signInAndOpen } from './test-support/opus-session.ts';
import { fromPalette } from './test-support/palette.ts';

const FILE = '/magnum-opus.txt';
const TEXT = 'Chapter one.\nIt was a bright cold day in April.\n';

const session = opusPerTest();

test('Copy Dropbox Link puts the file’s link on the clipboard, and the link serves the file', async ({
  page,
  context,
}) => {
  const { url } = await session.start({ [FILE]: TEXT });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAndOpen(page, context, url, FILE);
  await clearClipboard(page);

  await fromPalette(page, 'Copy Dropbox Link');
  await expect(page.getByRole('status', { name: 'Notice' })).toHaveText(/Link to magnum-opus\.txt copied/);
  const link = await readClipboard(page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/.+\/magnum-opus\.txt\?dl=0$/);
  await shotInBothSchemes(page, 'dropbox-link-1-copied');

  // Fetched as anyone would, the link serves the file's bytes from localbox.
  const served = await page.request.get(link);
  expect(await served.text()).toBe(TEXT);

  // Copying again hands back the same link: Dropbox keeps one per file.
  await clearClipboard(page);
  await fromPalette(page, 'Copy Dropbox Link');
  await expect.poll(() => readClipboard(page)).toBe(link);
});

test('Show in Dropbox opens a tab on the file’s folder, with the file marked', async ({ page, context }) => {
  const { url } = await session.start({ [FILE]: TEXT, '/other-notes.txt': 'x' });
  await signInAndOpen(page, context, url, FILE);

  const opened = context.waitForEvent('page');
  await fromPalette(page, 'Show in Dropbox');
  const tab = await opened;
  await tab.waitForLoadState();
  expect(tab.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/home\?preview=magnum-opus\.txt$/);
  // noopener: the page it opened cannot reach back into Opus.
  expect(await tab.evaluate('window.opener')).toBeNull();
  const marked = tab.locator('li[aria-current="true"]');
  await expect(marked).toHaveText(/^magnum-opus\.txt/);
  await expect(tab.getByRole('listitem')).toHaveCount(2);
  await shotInBothSchemes(tab, 'dropbox-link-2-shown-in-localbox');
});
