import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot, signInAndOpen, whileOpusIsDown } from './test-support/opus-session.ts';

const FILE = '/draft.txt';
const TYPED = 'Typed while the helper was gone.';
const THEIRS = 'Their line.\nFirst line.\n';
const session = opusPerTest();

/**
 * Opens FILE, then the helper dies before anything reached the journal, the window alone keeps what is
 * typed, and someone changes the file on Dropbox before Opus is back.
 */
async function typeWhileTheHelperIsDown(page: Page, context: BrowserContext) {
  const running = await session.start({ [FILE]: 'First line.\n' });
  await signInAndOpen(page, context, running.url, FILE);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  const exited = new Promise((resolve) => running.host.child.once('exit', resolve));
  running.host.child.kill('SIGKILL');
  await exited;
  await page.keyboard.type(TYPED);
  await expect(page.getByRole('status', { name: 'Save state' })).toContainText('kept in this window');
  await whileOpusIsDown(session.dataDir, (dropbox) =>
    dropbox.filesUpload({ path: FILE, contents: THEIRS, mode: { '.tag': 'overwrite' } }),
  );
  return session.restart();
}

test('text kept while the helper was stopped, its file changed on Dropbox meanwhile, comes back to be merged', async ({
  page,
  context,
}) => {
  const opus = await typeWhileTheHelperIsDown(page, context);
  const lines = page.locator('.monaco-editor .view-lines');
  await page.goto(opus.url);
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });
  await expect(conflict).toBeVisible();
  const notice = page.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText(
    "Brought back what you typed in draft.txt while Opus's helper was stopped.",
  );
  await expect(notice).toContainText('changed on Dropbox meanwhile');
  await expect(lines).toContainText(TYPED);
  await shot(page, 'kept-text-after-dropbox-moved');

  // Their new first line and my new last line do not overlap: the merge keeps both.
  await conflict.getByRole('button', { name: 'Merge' }).click();
  const merged = conflict.getByRole('region', { name: 'Merged text' });
  await expect(merged).toContainText('Their line.');
  await expect(merged).toContainText(TYPED);
  await conflict.getByRole('button', { name: 'Save merged' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
  expect((await downloadText(opus.dropbox, FILE)).text).toBe(`${THEIRS}${TYPED}`);
  // Saved: the notice has nothing left to say.
  await expect(notice).toHaveCount(0);
});

test('text kept while the helper was stopped, its file open again by a link, comes back in a tab beside it', async ({
  page,
  context,
}) => {
  // A link opens Dropbox's new version first; the kept text, on the old one, must not vanish behind it.
  const opus = await typeWhileTheHelperIsDown(page, context);
  const lines = page.locator('.monaco-editor .view-lines');
  await page.goto(`${opus.url}${opus.url.includes('?') ? '&' : '?'}open=${encodeURIComponent(FILE)}`);
  const tabs = page.getByRole('tablist', { name: 'Open documents' }).getByRole('tab');
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(0)).toHaveText('draft.txt');
  await expect(tabs.nth(1)).toHaveText(/^draft\.txt — kept text/);
  const notice = page.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText('open already on another version');
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });
  await expect(conflict).toBeVisible();
  await expect(lines).toContainText(TYPED);
  await shot(page, 'kept-text-beside-open-tab');

  await conflict.getByRole('button', { name: 'Merge' }).click();
  await conflict.getByRole('button', { name: 'Save merged' }).click();
  await expect(conflict).toBeHidden();
  expect((await downloadText(opus.dropbox, FILE)).text).toBe(`${THEIRS}${TYPED}`);
});
