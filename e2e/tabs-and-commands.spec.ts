import { expect, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { openFromDropbox, opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';

const ONE = 'The first document.\n';
const TWO = '# The second document\n';

const session = opusPerTest();

test('tabs keep each document, show unsaved changes, and closing a dirty one asks first', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/one.txt': ONE, '/two.md': TWO });
  const { dropbox } = opus;
  await signInAndOpen(page, context, opus.url, '/one.txt');
  const tabs = page.getByRole('tablist', { name: 'Open documents' });
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(tabs.getByRole('tab', { name: 'one.txt', selected: true })).toBeVisible();
  await expect(page).toHaveTitle('one.txt — Dropbox — Opus');

  // The second document comes through the command palette, as every menu command can.
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox', { name: 'Command' })).toBeFocused();
  await page.keyboard.type('op');
  await expect(palette.getByRole('option').first()).toHaveText(/^Open…/);
  await shot(page, 'tabs-1-command-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  const openDialog = page.getByRole('dialog', { name: 'Open from Dropbox' });
  await openDialog.getByRole('option', { name: /two\.md/ }).dblclick();
  await expect(tabs.getByRole('tab')).toHaveCount(2);
  await expect(tabs.getByRole('tab', { name: 'two.md', selected: true })).toBeVisible();
  await expect(lines).toContainText('The second document');

  // Typing marks the tab and the title; the other tab keeps its own text.
  await lines.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Unsaved words.');
  await expect(
    tabs.getByRole('tab', { name: /two\.md/ }).getByRole('img', { name: 'unsaved changes' }),
  ).toBeVisible();
  await expect(page).toHaveTitle('● two.md — Dropbox — Opus');
  await shot(page, 'tabs-2-dirty-tab');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await shot(page, 'tabs-2-dark-palette');
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'light' });
  await tabs.getByRole('tab', { name: 'one.txt' }).click();
  await expect(lines).toContainText('The first document.');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved');
  await tabs.getByRole('tab', { name: /two\.md/ }).click();
  await expect(lines).toContainText('Unsaved words.');

  // Opening an open file again shows its tab instead of a second copy.
  await openFromDropbox(page, '/one.txt');
  await expect(tabs.getByRole('tab')).toHaveCount(2);
  await expect(tabs.getByRole('tab', { name: 'one.txt', selected: true })).toBeVisible();

  // The × a mouse clicks (keyboards close the focused tab with Delete, so it is hidden from readers).
  const closeTab = (name: string) =>
    tabs
      .locator('.tab', { has: page.getByRole('tab', { name }) })
      .getByTitle(/^Close/)
      .click();
  // Closing the dirty tab asks; Cancel keeps it, Don't Save drops the words and leaves Dropbox alone.
  const ask = page.getByRole('dialog', { name: 'Save changes?' });
  await closeTab('two.md');
  await expect(ask).toContainText('Save changes to two.md?');
  await expect(ask.getByRole('button', { name: 'Save', exact: true })).toBeFocused();
  await shot(page, 'tabs-3-save-changes');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(tabs.getByRole('tab')).toHaveCount(2);
  await closeTab('two.md');
  await ask.getByRole('button', { name: "Don't Save" }).click();
  await expect(tabs.getByRole('tab')).toHaveCount(1);
  expect((await downloadText(dropbox, '/two.md')).text).toBe(TWO);

  // Save from the question: the text reaches Dropbox and then the tab closes.
  await expect(tabs.getByRole('tab', { name: 'one.txt', selected: true })).toBeVisible();
  await lines.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Kept.');
  await closeTab('one.txt');
  await ask.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('region', { name: 'No document open' })).toBeVisible();
  await expect(page).toHaveTitle('Opus');
  expect((await downloadText(dropbox, '/one.txt')).text).toBe(`${ONE}Kept.`);
  // The welcome screen offers the files opened lately, newest first.
  const recent = page.getByRole('navigation', { name: 'Recent files' });
  await expect(recent.getByRole('button')).toHaveText(['two.md', 'one.txt']);
  await shot(page, 'tabs-4-welcome');
  await recent.getByRole('button', { name: 'two.md' }).click();
  await expect(tabs.getByRole('tab', { name: 'two.md', selected: true })).toBeVisible();
  await expect(lines).toContainText('The second document');
});

test('Close All Tabs asks about each unsaved tab in turn: Save one, drop the other', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/one.txt': ONE, '/two.md': TWO });
  const { dropbox } = opus;
  await signInAndOpen(page, context, opus.url, '/one.txt');
  const lines = page.locator('.monaco-editor .view-lines');
  const typeAtEnd = async (text: string) => {
    await lines.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text);
  };
  await typeAtEnd('One more line.');
  await openFromDropbox(page, '/two.md');
  await typeAtEnd('Two more words.');

  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('close all');
  await page.keyboard.press('Enter');
  const ask = page.getByRole('dialog', { name: 'Save changes?' });
  await expect(ask).toContainText('Save changes to one.txt?');
  await expect(page.getByRole('tab', { name: /one\.txt/, selected: true })).toBeVisible();
  await ask.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(ask).toContainText('Save changes to two.md?');
  await ask.getByRole('button', { name: "Don't Save" }).click();
  await expect(page.getByRole('region', { name: 'No document open' })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveCount(0);
  expect((await downloadText(dropbox, '/one.txt')).text).toBe(`${ONE}One more line.`);
  expect((await downloadText(dropbox, '/two.md')).text).toBe(TWO);
});
