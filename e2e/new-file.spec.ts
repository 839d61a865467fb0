import { expect, type Page, test } from '@playwright/test';
import { editsCarrying } from './test-support/edits-sent.ts';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot, signIn } from './test-support/opus-session.ts';

const session = opusPerTest();

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Open documents' });
const saveState = (page: Page) => page.getByRole('status', { name: 'Save state' });

async function typeInEditor(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').click();
  const noted = editsCarrying(page, text);
  await page.keyboard.type(text);
  await noted;
}

test('a new file is typed in, saved into a folder under a name, and lands on Dropbox', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/notes/old.txt': 'An older note.\n' });
  await signIn(page, context, opus.url);
  await page
    .getByRole('region', { name: 'No document open' })
    .getByRole('button', { name: 'New File' })
    .click();
  await expect(tabs(page).getByRole('tab', { name: 'Untitled-1', selected: true })).toBeVisible();
  await expect(page.locator('.status-path')).toHaveText('Not on Dropbox yet');

  await typeInEditor(page, 'A plan for the week.');
  await expect(
    tabs(page)
      .getByRole('tab', { name: /Untitled-1/ })
      .getByRole('img', { name: 'unsaved changes' }),
  ).toBeVisible();
  await shot(page, 'new-file-1-untitled');

  // Its first save asks where: the Save As browser, on the name it has.
  await page.keyboard.press('Control+S');
  const saveAs = page.getByRole('dialog', { name: 'Save As' });
  await expect(saveAs.getByRole('textbox', { name: 'File name' })).toHaveValue('Untitled-1.txt');
  await saveAs.getByRole('option', { name: /notes/ }).dblclick();
  await expect(saveAs.getByRole('option', { name: /old\.txt/ })).toBeVisible();
  await saveAs.getByRole('textbox', { name: 'File name' }).fill('plan.txt');
  await shot(page, 'new-file-2-save-as');
  await saveAs.getByRole('button', { name: 'Save' }).click();

  await expect(tabs(page).getByRole('tab', { name: 'plan.txt', selected: true })).toBeVisible();
  await expect(saveState(page)).toHaveText(/^Saved rev /);
  await expect(page.locator('.status-path')).toHaveText('/notes/plan.txt');
  expect((await downloadText(opus.dropbox, '/notes/plan.txt')).text).toBe('A plan for the week.');

  // The tab is the file now: the next edit saves to it with Ctrl+S, no question asked.
  await page.keyboard.type(' Monday first.');
  await page.keyboard.press('Control+S');
  await expect(saveState(page)).toHaveText(/^Saved rev /);
  await expect(saveAs).toBeHidden();
  expect((await downloadText(opus.dropbox, '/notes/plan.txt')).text).toBe(
    'A plan for the week. Monday first.',
  );
});

test("untitled text survives a crash, and closing it asks Save / Don't Save / Cancel", async ({
  page,
  context,
}) => {
  const running = await session.start({ '/readme.txt': 'Hello.\n' });
  await signIn(page, context, running.url);
  await page.keyboard.press('Control+N');
  await expect(tabs(page).getByRole('tab', { name: 'Untitled-1', selected: true })).toBeVisible();
  await typeInEditor(page, 'Written before the crash.');
  const exited = new Promise((resolve) => running.host.child.once('exit', resolve));
  running.host.child.kill('SIGKILL');
  await exited;

  const opus = await session.restart();
  await page.goto(opus.url);
  await expect(page.getByRole('status', { name: 'Notice' })).toContainText(
    'Restored unsaved changes to Untitled-1',
  );
  await expect(tabs(page).getByRole('tab', { name: /Untitled-1/ })).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Written before the crash.');
  await shot(page, 'new-file-3-restored');

  // Cancel keeps the tab and its text.
  const closeTab = async () => {
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.type('close tab');
    await page.keyboard.press('Enter');
  };
  await closeTab();
  const question = page.getByRole('dialog', { name: 'Save changes?' });
  await expect(question).toContainText('Save changes to Untitled-1?');
  await shot(page, 'new-file-4-close-question');
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(tabs(page).getByRole('tab', { name: /Untitled-1/ })).toBeVisible();

  // Save asks where, saves, then the tab closes.
  await closeTab();
  await question.getByRole('button', { name: 'Save', exact: true }).click();
  const saveAs = page.getByRole('dialog', { name: 'Save As' });
  await saveAs.getByRole('textbox', { name: 'File name' }).fill('kept.txt');
  await saveAs.getByRole('button', { name: 'Save' }).click();
  await expect(tabs(page).getByRole('tab')).toHaveCount(0);
  expect((await downloadText(opus.dropbox, '/kept.txt')).text).toBe('Written before the crash.');

  // A second new file, closed with Don't Save: gone, nothing on Dropbox.
  await page.getByRole('button', { name: 'New File' }).click();
  await typeInEditor(page, 'Scratch.');
  await closeTab();
  await question.getByRole('button', { name: "Don't Save" }).click();
  await expect(tabs(page).getByRole('tab')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'No document open' })).toBeVisible();
});
