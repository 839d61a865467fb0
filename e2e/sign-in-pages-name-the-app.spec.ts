import { expect, test } from '@playwright/test';
import { opusPerTest, shot } from './test-support/opus-session.ts';

const session = opusPerTest();

test('the consent page names Opus, and the page after it says what localbox is', async ({
  page,
  context,
}) => {
  const { dropbox, url } = await session.start({ '/a.txt': 'a\n' });
  await page.goto(url);
  const consentOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in to localbox' }).click();
  const consent = await consentOpened;

  await expect(consent).toHaveTitle('Allow Opus to access localbox?');
  await expect(consent.getByRole('heading', { level: 1 })).toHaveText(
    'Opus would like to access the files and folders in your localbox',
  );
  // The embedded localbox's random app key is not what a person should have to judge.
  const { result: me } = await dropbox.usersGetCurrentAccount();
  await expect(consent.locator('main')).toContainText(me.name.display_name);
  await shot(consent, 'sign-in-pages-1-consent');

  await consent.locator('#allow').click();
  await expect(consent.getByRole('heading', { level: 1 })).toHaveText('Opus is connecting to localbox');
  await expect(consent.locator('main')).toContainText('the Dropbox stand-in on this computer');
  await expect(consent.locator('main')).toContainText('You can close this tab and return to Opus.');
  await shot(consent, 'sign-in-pages-2-callback');
  await expect(page.getByRole('button', { name: /^Account: / })).toBeVisible();
});
