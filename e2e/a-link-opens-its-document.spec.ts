import { expect, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot } from './test-support/opus-session.ts';

const LINKED = '/Notes/linked.md';
const LINKED_TEXT = '# Linked\n\nOpened straight from a link.\n';
const OPUS = '/magnum-opus.txt';
const session = opusPerTest();

test('a ?open= link opens its document: after signing in, at once when signed in, and says so when it is gone', async ({
  page,
  context,
}) => {
  const opus = await session.start({ [LINKED]: LINKED_TEXT, [OPUS]: 'Chapter one.\n' });
  // The address the host printed (it carries the launch's secret) with the link's parameter added.
  const link = (path: string) => {
    const address = new URL(opus.url);
    address.searchParams.set('open', path);
    return address.href;
  };
  const lines = page.locator('.monaco-editor .view-lines');
  const tabs = page.getByRole('tablist');
  const state = page.getByRole('status', { name: 'Save state' });

  // Signed out: the link waits for the sign-in, then opens.
  await page.goto(link(LINKED));
  const consentOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in to localbox' }).click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  await consent.close();
  await expect(lines).toContainText('Opened straight from a link.');
  await expect(tabs.getByRole('tab')).toHaveText(['linked.md']);
  // Taken out of the address: a reload does not open it again.
  expect(new URL(page.url()).searchParams.has('open')).toBe(false);
  await shot(page, 'link-1-opened-after-sign-in');

  // It is a document like any other: typed into and saved with one request.
  await lines.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Edited after the link.');
  await page.keyboard.press('Control+S');
  await expect(state).toHaveText(/^Saved rev /);
  expect((await downloadText(opus.dropbox, LINKED)).text).toBe(`${LINKED_TEXT}Edited after the link.`);

  // Signed in: the link opens as the page starts, and the editor takes typing.
  await page.goto(link(OPUS));
  await expect(lines).toContainText('Chapter one.');
  await expect(tabs.getByRole('tab')).toHaveText(['magnum-opus.txt']);
  await lines.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Chapter two.');
  await expect(lines).toContainText('Chapter two.');
  await shot(page, 'link-2-opened-at-start');
  await page.keyboard.press('Control+S');
  await expect(state).toHaveText(/^Saved rev /);

  // Signing out closes it; signing in again in the same page starts empty, not with the link's tab
  // from the page's start.
  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  await toolbar.getByRole('button', { name: /^Account: / }).click();
  await page.getByRole('dialog', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();
  await page
    .getByRole('dialog', { name: /^Sign out of / })
    .getByRole('button', { name: 'Sign Out' })
    .click();
  const again = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in to localbox' }).click();
  await (await again).locator('#allow').click();
  await expect(page.getByRole('region', { name: 'No document open' })).toBeVisible();
  await expect(tabs.getByRole('tab')).toHaveCount(0);

  // A link to nothing: the welcome screen, and a sentence naming the file.
  await page.goto(link('/Notes/gone.txt'));
  await expect(page.getByRole('alert', { name: 'Notice' })).toContainText('gone.txt');
  await expect(page.getByRole('region', { name: 'No document open' })).toBeVisible();
  await expect(tabs.getByRole('tab')).toHaveCount(0);
  await shot(page, 'link-3-gone');
});
