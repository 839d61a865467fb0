import { expect, test } from '@playwright/test';
import { opusPerTest, shot } from './test-support/opus-session.ts';

const session = opusPerTest();

/** A fresh Dropbox and a signed-out Opus; returns the account's display name as Dropbox reports it. */
async function start(): Promise<{ url: string; displayName: string }> {
  const opus = await session.start({ '/hello.txt': 'Hello.\n' });
  const { result: account } = await opus.dropbox.usersGetCurrentAccount();
  return { url: opus.url, displayName: account.name.display_name };
}

test('signing in with a pasted code: a wrong code says so, the right one opens the workspace', async ({
  page,
  context,
}) => {
  const { url, displayName } = await start();
  await page.goto(url);
  const consentOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in with a code instead' }).click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  const shown = consent.locator('#code');
  await expect(shown).toBeVisible();
  const code = await shown.inputValue();
  expect(code).toMatch(/^\S{8,}$/);
  await consent.close();

  const form = page.getByRole('form', { name: 'Sign in with a code' });
  const field = form.getByRole('textbox', { name: 'Code' });
  const signIn = form.getByRole('button', { name: 'Sign in' });
  await expect(field).toBeFocused();
  await expect(signIn).toBeDisabled();
  await shot(page, 'sign-in-code-1-form');

  // A mistyped code is refused in words, and the form stays for another try with the same verifier.
  await field.fill(`${code.slice(0, -3)}xyz`);
  await signIn.click();
  const failure = form.getByRole('alert');
  await expect(failure).toHaveText(
    'That code was not accepted. Copy the whole code from the sign-in page and paste it again, or get a new code.',
  );
  await shot(page, 'sign-in-code-2-wrong-code');

  // Copying from the page often brings spaces along; they do not spoil the code.
  await field.fill(` ${code} `);
  await signIn.click();
  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  await expect(toolbar).toBeVisible();
  await expect(toolbar.getByRole('button', { name: `Account: ${displayName}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'No document open' })).toBeVisible();

  // Sign out from the Account panel: back to the sign-in screen.
  await toolbar.getByRole('button', { name: `Account: ${displayName}` }).click();
  const panel = page.getByRole('dialog', { name: 'Account' });
  await expect(panel).toContainText(displayName);
  await panel.getByRole('button', { name: 'Sign out' }).click();
  await page
    .getByRole('dialog', { name: /^Sign out of / })
    .getByRole('button', { name: 'Sign Out' })
    .click();
  await expect(page.getByRole('button', { name: 'Sign in to localbox' })).toBeVisible();
  await expect(toolbar).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign in with a code instead' })).toBeVisible();
});

test('denying consent leaves a clear message on the sign-in screen, and signing in again works', async ({
  page,
  context,
}) => {
  const { url, displayName } = await start();
  await page.goto(url);
  const signInButton = page.getByRole('button', { name: 'Sign in to localbox' });

  const denyOpened = context.waitForEvent('page');
  await signInButton.click();
  const denyTab = await denyOpened;
  await denyTab.locator('#deny').click();
  await expect(denyTab.getByRole('heading')).toHaveText('Opus was not connected');
  await denyTab.close();
  const message = page.getByRole('alert');
  const waiting = page.getByRole('status').filter({ hasText: 'Finish signing in' });
  await expect(message).toHaveText(
    'You chose not to give Opus access to your Dropbox. Sign in again when you are ready.',
  );
  // The refusal ends the wait: the screen no longer says it is waiting for the other tab.
  await expect(waiting).toBeHidden();
  await expect(page.getByRole('toolbar', { name: 'Document' })).toBeHidden();
  await shot(page, 'sign-in-code-3-denied');

  // A new attempt waits again, and the last refusal is no longer shown as news.
  const allowOpened = context.waitForEvent('page');
  await signInButton.click();
  const allowTab = await allowOpened;
  await expect(waiting).toBeVisible();
  await expect(message).toBeHidden();
  await allowTab.locator('#allow').click();
  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  await expect(toolbar.getByRole('button', { name: `Account: ${displayName}` })).toBeVisible();
  await allowTab.close();
});
