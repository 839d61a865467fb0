import { expect, type Page, test } from '@playwright/test';
import { editSent } from './test-support/edits-sent.ts';
import { downloadText } from './test-support/localbox-client.ts';
import { openFromDropbox, opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';
import { shownRev } from './test-support/shown-revs.ts';

// What main knows of a document, as a window shows it: main judges whether the text is Dropbox's (so
// undo back to it is clean), tells the rev it is based on, and two windows on one file are two editors.

const FILE = '/magnum-opus.txt';
const ORIGINAL = 'Line one\nLine two\n';

const session = opusPerTest();

const saveState = (page: Page) => page.getByRole('status', { name: 'Save state' });
const tab = (page: Page) => page.getByRole('tab', { name: /magnum-opus\.txt/ });

test('undoing back to the saved text takes the unsaved mark away again', async ({ page, context }) => {
  const running = await session.start({ [FILE]: ORIGINAL });
  await signInAndOpen(page, context, running.url, FILE);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Three');
  await expect(saveState(page)).toHaveText('Unsaved');
  await expect(tab(page)).toHaveAccessibleName(/unsaved changes/);
  // One undo stop per typing burst: Ctrl+Z takes the word back out.
  const sent = editSent(page);
  await page.keyboard.press('Control+Z');
  await sent;
  await expect(page.locator('.monaco-editor .view-lines')).not.toContainText('Three');
  await expect(tab(page)).not.toHaveAccessibleName(/unsaved changes/);
  await expect(saveState(page)).not.toHaveText('Unsaved');
  await shot(page, 'state-1-undone-is-clean');
  // And typing again marks it once more.
  await page.keyboard.type('!');
  await expect(saveState(page)).toHaveText('Unsaved');
});

test('two pages on one document: the one that saves second meets the conflict, nothing is lost', async ({
  page,
  context,
}) => {
  const running = await session.start({ [FILE]: ORIGINAL });
  await signInAndOpen(page, context, running.url, FILE);
  const other = await context.newPage();
  await other.goto(running.url);
  await openFromDropbox(other, FILE);

  // Tab A types at the end; tab B at the start, and saves first.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  const typedA = editSent(page);
  await page.keyboard.type('From tab A.');
  await typedA;
  await other.locator('.monaco-editor .view-lines').click();
  await other.keyboard.press('Control+Home');
  await other.keyboard.type('From tab B. ');
  await other.keyboard.press('Control+S');
  await expect(saveState(other)).toHaveText(/^Saved rev /);
  const fromB = 'From tab B. Line one\nLine two\n';
  expect((await downloadText(running.dropbox, FILE)).text).toBe(fromB);

  // Tab A learns that its file moved on, and its save asks instead of overwriting B's text.
  await expect(page.getByRole('alert', { name: 'Dropbox change' })).toBeVisible();
  await page.bringToFront();
  await page.keyboard.press('Control+S');
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });
  await expect(conflict).toBeVisible();
  await shot(page, 'state-2-second-page-conflict');
  expect((await downloadText(running.dropbox, FILE)).text).toBe(fromB);
  // Merged, both pages' lines are kept.
  await conflict.getByRole('button', { name: /^Merge/ }).click();
  await conflict.getByRole('button', { name: /Save merged/ }).click();
  await expect(conflict).toBeHidden();
  expect((await downloadText(running.dropbox, FILE)).text).toBe(
    'From tab B. Line one\nLine two\nFrom tab A.',
  );
});

test('a new rev of the same content moves the rev in the status bar, with no banner', async ({
  page,
  context,
}) => {
  const running = await session.start({ [FILE]: ORIGINAL });
  await signInAndOpen(page, context, running.url, FILE);
  const before = await downloadText(running.dropbox, FILE);
  await shownRev(page.locator('.status-rev'), before.rev);
  // Restoring the current rev makes a new rev of the same bytes.
  const { result: restored } = await running.dropbox.filesRestore({ path: FILE, rev: before.rev });
  expect(restored.rev).not.toBe(before.rev);
  await shownRev(page.locator('.status-rev'), restored.rev);
  await expect(page.getByRole('alert', { name: 'Dropbox change' })).toBeHidden();
  await shot(page, 'state-3-same-content-new-rev');
});
