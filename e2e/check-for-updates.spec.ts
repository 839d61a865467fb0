import { expect, type Page, test } from '@playwright/test';
import type { CommandResponse } from '../electron/common/contract/commands.ts';
import type { EventPayload } from '../electron/common/contract/events.ts';
import { openFromDropbox, opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';

const session = opusPerTest();

const statusBar = (page: Page) => page.getByRole('contentinfo');

test('Check for Updates… in the browser host says updates come with the desktop app', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/notes.txt': 'Notes.\n' });
  await signInAndOpen(page, context, opus.url, '/notes.txt');

  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('check upd');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('option').first()).toHaveText(/^Check for Updates…/);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status', { name: 'Notice' })).toHaveText(
    /Updates come with the desktop app; this browser version runs what npm start built\./,
  );
  // The host has no updater, so the status bar has nothing of one.
  await expect(statusBar(page).getByRole('status', { name: 'Update' })).toHaveCount(0);
  await shot(page, 'updates-1-browser-host-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'updates-1-browser-host-dark');
});

test('the desktop app’s update shows in the status bar, and the restart waits for unsaved text', async ({
  page,
  context,
}) => {
  // What the desktop app's core answers (the browser host has no updater): the page's part, through the
  // real bridge, with only these two answers in place of an updater's.
  let state: EventPayload<'updateStateChanged'> = { phase: 'downloading', version: '0.2.0', percent: 42 };
  const refusal: CommandResponse<'installUpdate'> = {
    kind: 'refused',
    blockers: [{ name: 'notes.txt', phase: 'dirty' }],
  };
  await page.route('**/api/call/getUpdateState', (route) =>
    route.fulfill({ json: { ok: true, value: state } }),
  );
  await page.route('**/api/call/installUpdate', (route) =>
    route.fulfill({ json: { ok: true, value: refusal } }),
  );

  const opus = await session.start({ '/notes.txt': 'Notes.\n' });
  await signInAndOpen(page, context, opus.url, '/notes.txt');
  const update = statusBar(page).getByRole('status', { name: 'Update' });
  await expect(update).toHaveText('Downloading update 42 %');
  await expect(update.getByRole('progressbar', { name: 'Update download' })).toHaveAttribute('value', '42');
  await shot(page, 'updates-2-downloading-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'updates-2-downloading-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  state = { phase: 'downloaded', version: '0.2.0' };
  await page.reload();
  await openFromDropbox(page, '/notes.txt');
  await expect(update).toContainText('Update ready — restart to install');
  await shot(page, 'updates-3-ready-light');
  // Unsaved words: the desktop app's core refuses the restart for them (its answer is routed above).
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('More notes.');
  await expect(statusBar(page).getByRole('status', { name: 'Save state' })).not.toHaveText('Saved');

  await update.getByRole('button', { name: 'Restart to Install…' }).click();
  const ask = page.getByRole('dialog', { name: 'Restart to install the update?' });
  await expect(ask).toContainText('installs version 0.2.0');
  await shot(page, 'updates-4-agree-light');
  await ask.getByRole('button', { name: 'Restart and Install' }).click();
  await expect(page.getByRole('status', { name: 'Notice' })).toHaveText(
    /Opus can't restart to install the update yet: notes\.txt has unsaved changes\./,
  );
  await shot(page, 'updates-5-refused-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'updates-5-refused-dark');
});
