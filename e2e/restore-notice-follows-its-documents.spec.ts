import { expect, type Page, test } from '@playwright/test';
import { editsCarrying } from './test-support/edits-sent.ts';
import { downloadText } from './test-support/localbox-client.ts';
import { openFromDropbox, opusPerTest, shot, signIn } from './test-support/opus-session.ts';

const session = opusPerTest();

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Open documents' });

/** Types `typed` at the end of the active document and waits until main has journaled it. */
async function typeAtEnd(page: Page, typed: string) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  const noted = editsCarrying(page, typed);
  await page.keyboard.type(typed);
  await noted;
}

test('the restore notice names only the documents still restored, and goes with the last', async ({
  page,
  context,
}) => {
  const running = await session.start({ '/alpha.txt': 'Alpha.', '/beta.txt': 'Beta.' });
  await signIn(page, context, running.url);
  await openFromDropbox(page, '/alpha.txt');
  await typeAtEnd(page, ' One.');
  await openFromDropbox(page, '/beta.txt');
  await typeAtEnd(page, ' Two.');
  const exited = new Promise((resolve) => running.host.child.once('exit', resolve));
  running.host.child.kill('SIGKILL');
  await exited;

  const opus = await session.restart();
  await page.goto(opus.url);
  const notice = page.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText(
    /Restored unsaved changes to (alpha\.txt and beta\.txt|beta\.txt and alpha\.txt)/,
  );

  // Saved: alpha.txt's changes are on Dropbox now, and the notice no longer says they are unsaved.
  await tabs(page)
    .getByRole('tab', { name: /alpha\.txt/ })
    .click();
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
  expect((await downloadText(opus.dropbox, '/alpha.txt')).text).toBe('Alpha. One.');
  await expect(notice).toContainText('Restored unsaved changes to beta.txt from before Opus closed.');
  await expect(notice).not.toContainText('alpha.txt');
  await shot(page, 'restore-notice-narrowed');

  // Closed: nothing the notice spoke of is open any more, so it goes.
  await tabs(page)
    .getByRole('tab', { name: /beta\.txt/ })
    .click();
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('close tab');
  await page.keyboard.press('Enter');
  await page
    .getByRole('dialog', { name: 'Save changes?' })
    .getByRole('button', { name: "Don't Save" })
    .click();
  await expect(tabs(page).getByRole('tab')).toHaveCount(1);
  await expect(notice).toHaveCount(0);
});
