import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shotInBothSchemes, signInAndOpen } from './test-support/opus-session.ts';

const FILE = '/draft.md';
const ORIGINAL = '# Draft\n\nThe first paragraph.\n';

// --localbox-faults: the embedded localbox counts the requests it serves (/__localbox/requests).
const session = opusPerTest(['--localbox-faults']);

/** How many uploads the embedded localbox has taken since the last call with `clear`. */
async function uploadsSeen(localboxUrl: string, clear = false): Promise<number> {
  const response = await fetch(`${localboxUrl}/__localbox/requests`, { method: clear ? 'POST' : 'GET' });
  return ((await response.json()) as Record<string, number>)['files/upload'] ?? 0;
}

/** Settings' auto-save, chosen as a person would: `pause` in seconds for the delay mode. */
async function chooseAutoSave(page: Page, mode: string, pause?: string, shotName?: string) {
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Save by itself').selectOption({ label: mode });
  if (pause) {
    await settings.getByLabel('Pause before saving (seconds)').fill(pause);
    await settings.getByLabel('Pause before saving (seconds)').press('Enter');
  }
  if (shotName) await shotInBothSchemes(page, shotName);
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toBeHidden();
}

async function typeAtEnd(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  // Keys a tenth of a second apart: one pause, at the end.
  await page.keyboard.type(text, { delay: 100 });
}

/** The draft open in a fresh Opus, and the status bar's word on auto-save. */
async function openDraft(page: Page, context: BrowserContext) {
  const { dropbox, url, localboxUrl } = await session.start({ [FILE]: ORIGINAL });
  await signInAndOpen(page, context, url, FILE);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('The first paragraph.');
  const autoSave = page.locator('.status-bar').getByRole('button', { name: /^Auto-save/ });
  return { dropbox, localboxUrl, autoSave };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('after a pause, typing saves by itself, one upload a pause, and it stops at a remote change or a conflict', async ({
  page,
  context,
}) => {
  const { dropbox, localboxUrl, autoSave } = await openDraft(page, context);
  const saveState = page.getByRole('status', { name: 'Save state' });
  // Off until it is turned on.
  await expect(autoSave).toHaveCount(0);

  await chooseAutoSave(page, 'After a pause in typing', '0.6', 'auto-save-1-settings');
  await expect(autoSave).toHaveText('Auto-save on');
  await expect(autoSave).toHaveAttribute('title', /Saves 0\.6 s after you stop typing/);

  // Typing, then a pause: the text is on Dropbox, sent in one upload.
  await uploadsSeen(localboxUrl, true);
  await typeAtEnd(page, 'Saved by itself.');
  await expect.poll(async () => (await downloadText(dropbox, FILE)).text).toBe(`${ORIGINAL}Saved by itself.`);
  await expect(saveState).toHaveText(/^Saved rev /);
  await sleep(1500);
  expect(await uploadsSeen(localboxUrl)).toBe(1);
  await shotInBothSchemes(page, 'auto-save-2-saved');

  // A second burst, a second pause: a second upload, no more.
  await typeAtEnd(page, ' Again.');
  await expect
    .poll(async () => (await downloadText(dropbox, FILE)).text)
    .toBe(`${ORIGINAL}Saved by itself. Again.`);
  await sleep(1500);
  expect(await uploadsSeen(localboxUrl)).toBe(2);

  // Another computer changes the file while this one has unsaved words: the banner, and no save.
  await chooseAutoSave(page, 'After a pause in typing', '4');
  await typeAtEnd(page, ' Mine.');
  const theirs = `${ORIGINAL}Theirs, from another computer.\n`;
  await dropbox.filesUpload({ path: FILE, contents: theirs, mode: { '.tag': 'overwrite' } });
  // That upload was the other computer's: from here on, any would be Opus's.
  await uploadsSeen(localboxUrl, true);
  await expect(page.getByRole('alert', { name: 'Dropbox change' })).toBeVisible({ timeout: 4000 });
  await expect(autoSave).toHaveText('Auto-save paused');
  await expect(autoSave).toHaveAttribute('title', /Dropbox has a newer version/);
  await sleep(5000);
  expect(await uploadsSeen(localboxUrl)).toBe(0);
  expect((await downloadText(dropbox, FILE)).text).toBe(theirs);
  await shotInBothSchemes(page, 'auto-save-3-paused');

  // The banner put off (Later), Save by hand meets the conflict; left open (Escape), more typing still
  // saves nothing over it.
  await page.getByRole('alert', { name: 'Dropbox change' }).getByRole('button', { name: 'Later' }).click();
  await page.keyboard.press('Control+s');
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });
  await expect(conflict).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(saveState).toHaveText(/^Conflict: Dropbox has rev /);
  await uploadsSeen(localboxUrl, true);
  await typeAtEnd(page, ' More.');
  await sleep(5000);
  // No save was tried: it would have met the conflict again, and asked again.
  await expect(conflict).toBeHidden();
  expect(await uploadsSeen(localboxUrl)).toBe(0);
  expect((await downloadText(dropbox, FILE)).text).toBe(theirs);
  await expect(autoSave).toHaveAttribute('title', /in conflict with Dropbox/);
});

test('on focus loss, it saves when the window loses focus, and never a document with no name yet', async ({
  page,
  context,
}) => {
  const { dropbox, localboxUrl, autoSave } = await openDraft(page, context);
  await chooseAutoSave(page, 'When the window loses focus');
  await expect(autoSave).toHaveText('Auto-save on');
  await expect(autoSave).toHaveAttribute('title', /Saves when the window loses focus/);

  // Typing and pausing saves nothing; the window losing focus does.
  await uploadsSeen(localboxUrl, true);
  await typeAtEnd(page, 'Saved on blur.');
  await sleep(2000);
  expect(await uploadsSeen(localboxUrl)).toBe(0);
  await page.evaluate("window.dispatchEvent(new Event('blur'))");
  await expect.poll(async () => (await downloadText(dropbox, FILE)).text).toBe(`${ORIGINAL}Saved on blur.`);
  expect(await uploadsSeen(localboxUrl)).toBe(1);

  // A new document has no file: leaving the window asks nothing and saves nothing.
  // Through the palette: a browser keeps Ctrl+N for a new window.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('New File');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: /^Untitled/, selected: true })).toBeVisible();
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.type('A new note.');
  await sleep(1000);
  await page.evaluate("window.dispatchEvent(new Event('blur'))");
  await sleep(1500);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await uploadsSeen(localboxUrl)).toBe(1);
  await expect(autoSave).toHaveText('Auto-save paused');
  await expect(autoSave).toHaveAttribute('title', /new document is saved by hand/);

  // The setting is main's: a fresh page has it.
  await page.reload();
  await expect(autoSave).toHaveText('Auto-save on');
});
