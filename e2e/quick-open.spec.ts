import { expect, type Page, test } from '@playwright/test';
import { opusPerTest, shotInBothSchemes, signIn } from './test-support/opus-session.ts';

const session = opusPerTest();

const FILES = {
  '/Work/Meeting notes.txt': 'agenda: the harbour lantern\n',
  '/Work/meeting-archive.txt': 'old minutes\n',
  '/Drafts/Novel/chapter-1.md': 'It was a dark and stormy night.\n',
  '/Drafts/Novel/chapter-2.md': 'The lantern went out.\n',
  '/Recipes/bread.md': 'flour, water, salt\n',
};

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Open documents' });

test('Ctrl+P opens Quick Open; typing finds a file anywhere, fuzzily; Enter opens it', async ({
  page,
  context,
}) => {
  const opus = await session.start(FILES);
  await signIn(page, context, opus.url);
  await page.keyboard.press('Control+P');
  const quickOpen = page.getByRole('dialog', { name: 'Quick Open' });
  const field = quickOpen.getByRole('combobox', { name: 'Quick Open' });
  await expect(field).toBeFocused();
  await field.pressSequentially('mtgnotes');
  const options = quickOpen.getByRole('option');
  await expect(options.first()).toContainText('Meeting notes.txt');
  await expect(options.first()).toContainText('/Work');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await shotInBothSchemes(page, 'quick-open-1-typed');
  await page.keyboard.press('Enter');
  await expect(quickOpen).toBeHidden();
  await expect(tabs(page).getByRole('tab', { name: 'Meeting notes.txt', selected: true })).toBeVisible();

  // From the editor too (Monaco has the focus); arrows choose, and the file opened lately is marked.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+P');
  await expect(field).toBeFocused();
  await field.pressSequentially('chap');
  await expect(options).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(tabs(page).getByRole('tab', { name: 'chapter-2.md', selected: true })).toBeVisible();

  await page.keyboard.press('Control+P');
  await field.pressSequentially('meeting');
  await expect(options.first()).toContainText('Meeting notes.txt');
  await expect(options.first()).toContainText('recent');
  await field.fill('zzzz');
  await expect(quickOpen.getByText('No file in Dropbox matches “zzzz”.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(quickOpen).toBeHidden();
});

test('the command palette keeps its keys beside Quick Open, and offers Quick Open by name', async ({
  page,
  context,
}) => {
  const opus = await session.start(FILES);
  await signIn(page, context, opus.url);
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox', { name: 'Command' }).pressSequentially('quick');
  await expect(palette.getByRole('option', { name: /Quick Open…/ })).toContainText('Ctrl+P');
  await page.keyboard.press('Enter');
  const quickOpen = page.getByRole('dialog', { name: 'Quick Open' });
  await quickOpen.getByRole('combobox').pressSequentially('bread');
  await page.keyboard.press('Enter');
  await expect(tabs(page).getByRole('tab', { name: 'bread.md', selected: true })).toBeVisible();
});

test('Find in Dropbox (Ctrl+Shift+F) finds files by the words in them and opens one', async ({
  page,
  context,
}) => {
  const opus = await session.start(FILES);
  await signIn(page, context, opus.url);
  await page.keyboard.press('Control+Shift+F');
  const find = page.getByRole('dialog', { name: 'Find in Dropbox' });
  await find.getByRole('combobox', { name: 'Find in Dropbox' }).pressSequentially('lantern');
  const options = find.getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(find.getByRole('option', { name: /Meeting notes\.txt/ })).toContainText('in the text');
  await expect(find.getByRole('option', { name: /chapter-2\.md/ })).toContainText('in the text');
  await shotInBothSchemes(page, 'quick-open-2-find-in-dropbox');
  await find.getByRole('option', { name: /chapter-2\.md/ }).click();
  await expect(tabs(page).getByRole('tab', { name: 'chapter-2.md', selected: true })).toBeVisible();
});
