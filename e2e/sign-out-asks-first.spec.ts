import { expect, type Page, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shotInBothSchemes, signInAndOpen } from './test-support/opus-session.ts';

const FILE = '/draft.txt';
const ORIGINAL = 'First line.\n';
const TYPED = 'Not saved yet';

const session = opusPerTest();

const typeAtEnd = async (page: Page, text: string) => {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
};

test('Enter in the Account panel closes it; signing out with unsaved text asks, and Cancel keeps it', async ({
  page,
  context,
}) => {
  const { dropbox, url } = await session.start({ [FILE]: ORIGINAL });
  const { result: me } = await dropbox.usersGetCurrentAccount();
  const name = me.name.display_name;
  await signInAndOpen(page, context, url, FILE);
  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  const accountButton = toolbar.getByRole('button', { name: `Account: ${name}` });
  const panel = page.getByRole('dialog', { name: 'Account' });
  const tab = page.getByRole('tab', { name: /draft\.txt/ });
  const lines = page.locator('.monaco-editor .view-lines');
  const state = page.getByRole('status', { name: 'Save state' });

  // The panel opens on Close: one Enter closes it, and nothing else happens.
  await accountButton.click();
  await expect(panel).toContainText(name);
  await expect(panel.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  await expect(accountButton).toBeVisible();
  await expect(tab).toBeVisible();

  // Unsaved text: signing out asks Save / Don't Save / Cancel, naming the file; Cancel keeps it all.
  await typeAtEnd(page, TYPED);
  await expect(state).toHaveText('Unsaved');
  await accountButton.click();
  await panel.getByRole('button', { name: 'Sign out' }).click();
  const ask = page.getByRole('dialog', { name: 'Save changes?' });
  await expect(ask).toContainText('Save changes to draft.txt before you sign out?');
  await shotInBothSchemes(page, 'sign-out-1-unsaved-question');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(accountButton).toBeVisible();
  await expect(tab).toBeVisible();
  await expect(lines).toContainText(TYPED);
  await expect(state).toHaveText('Unsaved');
  expect((await downloadText(dropbox, FILE)).text).toBe(ORIGINAL);

  // From the palette, answering Save: the text lands on Dropbox, then the account signs out.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Sign Out');
  await page.keyboard.press('Enter');
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign in to localbox' })).toBeVisible();
  expect((await downloadText(dropbox, FILE)).text).toBe(`${ORIGINAL}${TYPED}`);
});

test('with nothing unsaved, signing out is still confirmed, and Enter answers Cancel', async ({
  page,
  context,
}) => {
  const { dropbox, url } = await session.start({ [FILE]: ORIGINAL });
  const { result: me } = await dropbox.usersGetCurrentAccount();
  const name = me.name.display_name;
  await signInAndOpen(page, context, url, FILE);
  const accountButton = page.getByRole('button', { name: `Account: ${name}` });

  await accountButton.click();
  await page.getByRole('dialog', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();
  const confirm = page.getByRole('dialog', { name: `Sign out of localbox as ${name}?` });
  await expect(confirm).toContainText('Your open file closes.');
  await shotInBothSchemes(page, 'sign-out-2-confirm');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('tab', { name: /draft\.txt/ })).toBeVisible();

  await accountButton.click();
  await page.getByRole('dialog', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();
  await confirm.getByRole('button', { name: 'Sign Out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in to localbox' })).toBeVisible();
});
