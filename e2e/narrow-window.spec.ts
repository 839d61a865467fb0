import { expect, type Page, test } from '@playwright/test';
import { opusPerTest, shot, shotInBothSchemes } from './test-support/opus-session.ts';

const FILE = '/Projects/Quarterly reports/2026 drafts/the-board-summary-for-review.md';
const NAME = 'the-board-summary-for-review.md';

const session = opusPerTest();

/** Whether the element shows all of its text: nothing cut off by an ellipsis or by the window's edge. */
const showsAllOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return (
      element.scrollWidth <= element.clientWidth &&
      box.left >= 0 &&
      box.right <= element.ownerDocument.documentElement.clientWidth
    );
  });

/** The toolbar's visible controls, each as its box on the page. */
const toolbarBoxes = (page: Page) =>
  page
    .getByRole('toolbar', { name: 'Document' })
    .locator('button')
    .evaluateAll((buttons) =>
      buttons.map((button) => button.getBoundingClientRect()).filter((box) => box.width > 0),
    );

test('at 800 px the toolbar is one row, the account readable, and the status bar shows the file and its state', async ({
  page,
  context,
}) => {
  const { dropbox, url } = await session.start({ [FILE]: '# Summary\n' });
  const { result: me } = await dropbox.usersGetCurrentAccount();
  await page.setViewportSize({ width: 800, height: 600 });
  const link = new URL(url);
  link.searchParams.set('open', FILE);
  await page.goto(link.href);
  const consentOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in to localbox' }).click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  await consent.close();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Summary');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Typed at 800 px.');

  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  const account = toolbar.getByRole('button', { name: `Account: ${me.name.display_name}` });
  await expect(account).toHaveText(me.name.display_name);
  expect(await showsAllOf(page, '.account-button')).toBe(true);

  // One row: every control on the same line, and the bar no taller than one of them plus its padding.
  const boxes = await toolbarBoxes(page);
  expect(new Set(boxes.map((box) => Math.round(box.top))).size).toBe(1);
  expect((await toolbar.boundingBox())?.height ?? 0).toBeLessThan((boxes[0]?.height ?? 0) * 1.8);

  // The status bar: the file's name whole (its folders give way, the full path in the tooltip), and the state.
  const status = page.locator('.status-bar');
  await expect(status.getByText(`/${NAME}`, { exact: true })).toBeVisible();
  expect(await showsAllOf(page, '.status-file-name')).toBe(true);
  await expect(status.locator('[title]', { hasText: NAME })).toHaveAttribute('title', `Path: ${FILE}`);
  const state = page.getByRole('status', { name: 'Save state' });
  await expect(state).toHaveText('Unsaved');
  expect(await showsAllOf(page, '.status-save')).toBe(true);

  await shotInBothSchemes(page, 'narrow-800');

  // Upload, Download and History moved into More, and run from there.
  await toolbar.getByRole('button', { name: 'More' }).click();
  const more = page.getByRole('menu', { name: 'More' });
  await expect(more.getByRole('menuitem')).toHaveText(['Upload…', 'Download…', 'History…']);
  await expect(more.getByRole('menuitem', { name: 'Upload…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await shot(page, 'narrow-800-more-menu');
  await page.keyboard.press('Enter');
  await expect(more).toBeHidden();
  const history = page.getByRole('dialog', { name: /history/i });
  await expect(history).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();

  await page.setViewportSize({ width: 1100, height: 720 });
  await shotInBothSchemes(page, 'narrow-1100');
  // Wide again: every label is back.
  await expect(toolbar.getByRole('button', { name: 'Upload…' })).toBeVisible();
});
