import { expect, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';

const FILE = '/draft.txt';
const session = opusPerTest();

test('the helper stops while someone types: the window keeps the text, and a restarted Opus saves all of it', async ({
  page,
  context,
}) => {
  let opus = await session.start({ [FILE]: 'Before.' });
  await signInAndOpen(page, context, opus.url, FILE);
  const lines = page.locator('.monaco-editor .view-lines');
  const state = page.getByRole('status', { name: 'Save state' });
  await lines.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Journaled.');
  await expect(state).toHaveText('Unsaved');

  const exited = new Promise((resolve) => opus.host.child.once('exit', resolve));
  opus.host.child.kill('SIGKILL');
  await exited;
  await page.keyboard.type(' Typed while the helper was gone.');
  // The words are true: nothing reaches the journal now, and the window keeps what is typed.
  await expect(state).toHaveText(
    "Opus's helper stopped; what you type in draft.txt is kept in this window until you start Opus again.",
  );
  await page.keyboard.type(' And more.');
  await shot(page, 'helper-stopped');

  opus = await session.restart();
  await page.goto(opus.url);
  await expect(page.getByRole('tab', { name: /draft\.txt/ })).toBeVisible();
  await expect(lines).toContainText('Before. Journaled. Typed while the helper was gone. And more.');
  await expect(page.getByRole('status', { name: 'Notice' })).toContainText(
    "Brought back what you typed in draft.txt while Opus's helper was stopped.",
  );
  await shot(page, 'helper-back');
  await page.keyboard.press('Control+S');
  await expect(state).toHaveText(/^Saved rev /);
  expect((await downloadText(opus.dropbox, FILE)).text).toBe(
    'Before. Journaled. Typed while the helper was gone. And more.',
  );
});
