import { expect, type Page, test } from '@playwright/test';
import { editSent } from './test-support/edits-sent.ts';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';
import { shownRev } from './test-support/shown-revs.ts';

const FILE = '/magnum-opus.txt';
const ORIGINAL = 'Call me Ishmael.\nSome years ago, never mind how long precisely.\n';

const session = opusPerTest();
const start = () => session.start({ [FILE]: ORIGINAL });

/** Types at the end of the document and waits until the core has journaled it (so it knows it is dirty). */
async function typeAtEnd(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  const noted = editSent(page);
  await page.keyboard.type(text);
  await noted;
}

const localDate = (date = new Date()) =>
  [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((n) => String(n).padStart(2, '0')).join('-');

test('a remote edit shows a banner; a stale save asks, and Keep mine or Save a copy resolve it', async ({
  page,
  context,
}) => {
  const { dropbox, url } = await start();
  const { result: account } = await dropbox.usersGetCurrentAccount();
  await signInAndOpen(page, context, url, FILE);
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('Call me Ishmael.');
  const status = page.getByRole('status', { name: 'Save state' });
  const banner = page.getByRole('alert', { name: 'Dropbox change' });
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });

  // (a) Another computer edits the open, dirty document: the banner names the new rev within 2 s.
  await typeAtEnd(page, 'Mine, first.');
  const mine1 = `${ORIGINAL}Mine, first.`;
  const theirs1 = await dropbox.filesUpload({
    path: FILE,
    contents: 'Theirs, first.\n',
    mode: { '.tag': 'overwrite' },
  });
  await expect(banner).toBeVisible({ timeout: 2000 });
  const theirs1Short = await shownRev(banner, theirs1.result.rev);
  await expect(banner).toContainText(`rev ${theirs1Short}`);
  await expect(banner.getByRole('button', { name: 'Merge' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Compare' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Later' })).toBeVisible();
  await expect(lines).toContainText('Mine, first.');
  await shot(page, 'conflict-1-banner');

  // Compare from the banner: a diff of the Dropbox version against mine, then back out with Escape.
  await banner.getByRole('button', { name: 'Compare' }).click();
  await expect(conflict).toBeVisible();
  await expect(conflict.locator('.monaco-diff-editor')).toBeVisible();
  await expect(conflict.locator('.monaco-diff-editor')).toContainText('Theirs, first.');
  await shot(page, 'conflict-2-compare');
  await page.keyboard.press('Escape');
  await expect(conflict).toBeHidden();
  await banner.getByRole('button', { name: 'Later' }).click();
  await expect(banner).toBeHidden();

  // (b) Save → the conflict dialog names both sides → Keep mine saves my text over their rev.
  await page.keyboard.press('Control+S');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('Your version');
  await expect(conflict).toContainText('1 change since rev');
  await expect(conflict).toContainText(`Dropbox version`);
  await expect(conflict).toContainText(`rev ${theirs1Short}, modified`);
  await expect(conflict.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shot(page, 'conflict-3-dialog');
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toBeHidden();
  await expect(status).toHaveText(/^Saved rev [0-9a-f]+$/);
  const kept = await downloadText(dropbox, FILE);
  expect(kept.text).toBe(mine1);
  expect(kept.rev).not.toBe(theirs1.result.rev);
  await expect(status).toHaveText(`Saved rev ${await shownRev(page.locator('.status-rev'), kept.rev)}`);

  // (c) Another remote change, then Save → Save mine as a copy: Dropbox's conflicted-copy name.
  await typeAtEnd(page, ' Mine, second.');
  const mine2 = `${mine1} Mine, second.`;
  await dropbox.filesUpload({ path: FILE, contents: 'Theirs, second.\n', mode: { '.tag': 'overwrite' } });
  await expect(banner).toBeVisible({ timeout: 2000 });
  await page.keyboard.press('Control+S');
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Save mine as a copy' }).click();
  await expect(conflict).toBeHidden();
  await expect(banner).toBeHidden();
  const firstName = account.name.display_name.split(' ')[0];
  const copyPath = `/magnum-opus (${firstName}'s conflicted copy ${localDate()}).txt`;
  await expect(status).toHaveText(`Your version was saved as ${copyPath}`);
  expect((await downloadText(dropbox, copyPath)).text).toBe(mine2);
  expect((await downloadText(dropbox, FILE)).text).toBe('Theirs, second.\n');
  await expect(lines).toContainText('Theirs, second.');
  await expect(lines).not.toContainText('Mine, second.');
  await shot(page, 'conflict-4-copy-saved');
});

test('Merge: separate edits merge cleanly from the banner; overlapping ones are chosen hunk by hunk', async ({
  page,
  context,
}) => {
  const { dropbox, url } = await start();
  await signInAndOpen(page, context, url, FILE);
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('Call me Ishmael.');
  const status = page.getByRole('status', { name: 'Save state' });
  const banner = page.getByRole('alert', { name: 'Dropbox change' });
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });

  // Mine appends a line, theirs rewrites the first one: no overlap, so the merge only needs a review.
  await typeAtEnd(page, 'Mine at the end.');
  const theirs = 'Call me Ishmael, said he.\nSome years ago, never mind how long precisely.\n';
  await dropbox.filesUpload({ path: FILE, contents: theirs, mode: { '.tag': 'overwrite' } });
  await expect(banner).toBeVisible({ timeout: 2000 });
  await banner.getByRole('button', { name: 'Merge' }).click();
  await expect(conflict.getByRole('region', { name: 'Merged text' })).toContainText('Mine at the end.');
  await shot(page, 'conflict-5-merge-review');
  await conflict.getByRole('button', { name: 'Save merged' }).click();
  await expect(conflict).toBeHidden();
  await expect(banner).toBeHidden();
  await expect(status).toHaveText(/^Saved rev [0-9a-f]+$/);
  const merged = `${theirs}Mine at the end.`;
  expect((await downloadText(dropbox, FILE)).text).toBe(merged);
  await expect(lines).toContainText('said he.');

  // Both sides rewrite the same last line: the chooser shows both, and "Both" keeps them in order.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Shift+Home');
  const noted = editSent(page);
  await page.keyboard.type('My ending.');
  await noted;
  await dropbox.filesUpload({
    path: FILE,
    contents: `${theirs}Their ending.`,
    mode: { '.tag': 'overwrite' },
  });
  await expect(banner).toBeVisible({ timeout: 2000 });
  await page.keyboard.press('Control+S');
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Merge' }).click();
  const hunk = conflict.getByRole('group', { name: 'Conflict 1 of 1' });
  await expect(hunk).toContainText('My ending.');
  await expect(hunk).toContainText('Their ending.');
  const review = conflict.getByRole('button', { name: 'Review merge' });
  await expect(review).toBeDisabled();
  await hunk.getByRole('radio', { name: 'Both' }).check();
  await shot(page, 'conflict-6-hunks');
  await review.click();
  await expect(conflict.getByRole('region', { name: 'Merged text' })).toContainText('Their ending.');
  await conflict.getByRole('button', { name: 'Save merged' }).click();
  await expect(conflict).toBeHidden();
  const saved = await downloadText(dropbox, FILE);
  expect(saved.text).toContain('My ending.');
  expect(saved.text).toContain('Their ending.');
  await expect(status).toHaveText(`Saved rev ${await shownRev(page.locator('.status-rev'), saved.rev)}`);
});

test('Take theirs reloads the Dropbox version; a remote delete offers Save to recreate', async ({
  page,
  context,
}) => {
  const { dropbox, url } = await start();
  await signInAndOpen(page, context, url, FILE);
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('Call me Ishmael.');
  const banner = page.getByRole('alert', { name: 'Dropbox change' });
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });

  await typeAtEnd(page, 'Mine, thrown away.');
  await dropbox.filesUpload({ path: FILE, contents: 'Theirs wins.\n', mode: { '.tag': 'overwrite' } });
  await expect(banner).toBeVisible({ timeout: 2000 });
  await page.keyboard.press('Control+S');
  await conflict.getByRole('button', { name: 'Take theirs' }).click();
  await expect(conflict).toBeHidden();
  await expect(lines).toContainText('Theirs wins.');
  await expect(lines).not.toContainText('Mine, thrown away.');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved');

  await typeAtEnd(page, 'Mine, after the delete.');
  await dropbox.filesDeleteV2({ path: FILE });
  await expect(banner).toBeVisible({ timeout: 2000 });
  await expect(banner).toContainText('deleted or moved on Dropbox');
  await expect(banner.getByRole('button', { name: 'Close' })).toBeVisible();
  await shot(page, 'conflict-7-deleted-banner');
  await banner.getByRole('button', { name: 'Save to recreate' }).click();
  // The save meets a missing file: the dialog says so, and Keep mine recreates it.
  const saved = page.getByRole('status', { name: 'Save state' });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('deleted or moved on Dropbox');
  await expect(conflict.getByRole('button', { name: 'Merge' })).toBeDisabled();
  await shot(page, 'conflict-8-deleted-dialog');
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toBeHidden();
  await expect(saved).toHaveText(/^Saved rev [0-9a-f]+$/);
  await expect(banner).toBeHidden();
  expect((await downloadText(dropbox, FILE)).text).toBe('Theirs wins.\nMine, after the delete.');
});
