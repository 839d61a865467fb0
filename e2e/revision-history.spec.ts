import { expect, test } from '@playwright/test';
import { clearClipboard, readClipboard } from './test-support/clipboard.ts';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';
import { shownRev } from './test-support/shown-revs.ts';

const FILE = '/essay.txt';
const V1 = 'First draft.\n';
const V2 = 'First draft.\nSecond thoughts.\n';
const session = opusPerTest();
const V3 = 'Third version, everything rewritten.\n';

test('revision history: preview an old revision, restore it, and open another as a new document', async ({
  page,
  context,
}) => {
  const opus = await session.start({ [FILE]: V1 });
  const { dropbox } = opus;
  await dropbox.filesUpload({ path: FILE, contents: V2, mode: { '.tag': 'overwrite' } });
  await dropbox.filesUpload({ path: FILE, contents: V3, mode: { '.tag': 'overwrite' } });
  const { result: listed } = await dropbox.filesListRevisions({ path: FILE });
  const [rev3, rev2, rev1] = listed.entries.map((entry) => entry.rev);

  await signInAndOpen(page, context, opus.url, FILE);
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('Third version');
  const toolbar = page.getByRole('toolbar', { name: 'Document' });

  await toolbar.getByRole('button', { name: 'History…' }).click();
  const history = page.getByRole('dialog', { name: 'Revision history' });
  const revisions = history.getByRole('listbox', { name: 'Revisions' });
  await expect(revisions.getByRole('option')).toHaveCount(3);
  await expect(revisions.getByRole('option').first()).toContainText('Current');
  await expect(history.getByRole('button', { name: 'Restore this revision' })).toBeDisabled();

  // The oldest, previewed as a diff against the text in the editor, then restored.
  await revisions.getByRole('option').last().click();
  const preview = history.getByRole('region', { name: 'Revision preview' });
  await expect(preview).toContainText('First draft.');
  await expect(preview).toContainText('Third version');
  await shot(page, 'history-1-preview');
  await history.getByRole('button', { name: 'Restore this revision' }).click();
  await page
    .getByRole('dialog', { name: /^Restore the version of / })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(history).toBeHidden();
  await expect(lines).toContainText('First draft.');
  await expect(lines).not.toContainText('Third version');
  const restored = await downloadText(dropbox, FILE);
  expect(restored.text).toBe(V1);
  expect([rev1, rev2, rev3]).not.toContain(restored.rev);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(
    `Saved rev ${await shownRev(page.locator('.status-rev'), restored.rev)}`,
  );

  // The restored text is the new base: the next save is checked against it and simply lands.
  await lines.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Onwards.');
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
  expect((await downloadText(dropbox, FILE)).text).toBe(`${V1}Onwards.`);

  // The middle revision as a new document beside it, in its own tab.
  await toolbar.getByRole('button', { name: 'History…' }).click();
  await revisions
    .getByRole('option')
    .filter({ has: page.locator(`code[title="Rev ${rev2}"]`) })
    .click();
  const short2 = await shownRev(revisions, rev2 ?? '');
  await history.getByRole('button', { name: 'Open as new document…' }).click();
  const copyName = history.getByLabel('Name of the new document');
  await expect(copyName).toHaveValue(`essay (rev ${short2}).txt`);
  await shot(page, 'history-2-open-as-new');
  await history.getByRole('button', { name: 'Create and open' }).click();
  await expect(history).toBeHidden();
  await expect(page.getByRole('tab', { name: `essay (rev ${short2}).txt`, selected: true })).toBeVisible();
  await expect(lines).toContainText('Second thoughts.');
  expect((await downloadText(dropbox, `/essay (rev ${short2}).txt`)).text).toBe(V2);
});

test('History tells every revision apart by a short rev of its own, and copies any rev whole', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const opus = await session.start({ [FILE]: V1 });
  const { dropbox } = opus;
  // 17 saves after the first: on localbox, the 1st and the 17th rev end in the same 9 characters.
  for (let save = 2; save <= 18; save++)
    await dropbox.filesUpload({ path: FILE, contents: `Save ${save}.\n`, mode: { '.tag': 'overwrite' } });
  const { result } = await dropbox.filesListRevisions({ path: FILE, limit: 100 });
  const revs = result.entries.map((entry) => entry.rev);
  expect(revs).toHaveLength(18);
  expect(new Set(revs.map((rev) => rev.slice(-9))).size).toBeLessThan(18);

  await signInAndOpen(page, context, opus.url, FILE);
  await page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: 'History…' }).click();
  const options = page
    .getByRole('dialog', { name: 'Revision history' })
    .getByRole('listbox', { name: 'Revisions' })
    .getByRole('option');
  await expect(options).toHaveCount(18);

  const shown = await options.locator('code').allTextContents();
  expect(new Set(shown).size).toBe(18);
  // Each is a short part of its own rev, not the tail every localbox rev ends in (the store's salt,
  // after a 9-hex counter), and the whole rev is on hover.
  const sharedTail = revs[0]?.slice(9) ?? '';
  expect(revs.every((rev) => rev.endsWith(sharedTail))).toBe(true);
  const titles = await options.locator('code').evaluateAll((codes) => codes.map((code) => code.title));
  expect(titles).toEqual(revs.map((rev) => `Rev ${rev}`));
  shown.forEach((short, index) => {
    expect(short.length).toBeGreaterThanOrEqual(7);
    expect(short.length).toBeLessThanOrEqual(12);
    expect(revs[index]).toContain(short);
    expect(short.endsWith(sharedTail)).toBe(false);
  });
  for (const time of await options.locator('.revision-time').allTextContents())
    expect(time).toMatch(/\d:\d\d:\d\d/);

  // A click on a row's rev copies the whole rev, says so, and selects the row.
  const clipboard = () => readClipboard(page);
  const third = options.nth(2);
  await third.getByTitle(`Rev ${revs[2]}`).click();
  await expect(third.getByRole('status')).toHaveText('Copied');
  expect(await clipboard()).toBe(revs[2]);
  await expect(third).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'history-5-copied');
  await expect(third.getByRole('status')).toBeHidden();

  // By keyboard: Ctrl+C in the list copies the selected revision's rev; the preview's rev is a button.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+C');
  await expect(options.nth(3).getByRole('status')).toHaveText('Copied');
  expect(await clipboard()).toBe(revs[3]);
  const preview = page.getByRole('region', { name: 'Revision preview' });
  await preview.getByRole('button', { name: `Copy rev ${shown[3]}` }).focus();
  await clearClipboard(page);
  await page.keyboard.press('Enter');
  await expect(preview.getByRole('status')).toHaveText('Copied');
  expect(await clipboard()).toBe(revs[3]);
});

test("the status bar's rev reads differently after every save, and a click copies it whole", async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const opus = await session.start({ [FILE]: V1 });
  await signInAndOpen(page, context, opus.url, FILE);
  const statusRev = page.locator('.status-rev');
  const status = page.getByRole('status', { name: 'Save state' });
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('First draft.');
  const opened = await downloadText(opus.dropbox, FILE);
  const shown = [await shownRev(statusRev, opened.rev)];
  const sharedTail = opened.rev.slice(9);

  for (const word of ['One', 'Two', 'Three']) {
    await lines.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(word);
    await page.keyboard.press('Control+S');
    await expect(status).toHaveText(/^Saved rev /);
    const saved = await downloadText(opus.dropbox, FILE);
    const short = await shownRev(statusRev, saved.rev);
    await expect(status).toHaveText(`Saved rev ${short}`);
    expect(short.length).toBeLessThanOrEqual(12);
    // Not the salt every localbox rev ends in: what changed from the last save shows.
    expect(short.endsWith(sharedTail)).toBe(false);
    expect(shown).not.toContain(short);
    shown.push(short);
  }

  const latest = (await downloadText(opus.dropbox, FILE)).rev;
  await statusRev.getByRole('button', { name: `Copy rev ${shown.at(-1)}` }).click();
  await expect(statusRev.getByRole('status')).toHaveText('Copied');
  expect(await readClipboard(page)).toBe(latest);
  await expect(statusRev.locator('code')).toHaveAttribute('title', `Rev ${latest}`);
  await shot(page, 'status-bar-rev-copied');
});

test('Restore asks first, Cancel changes nothing, and Undo puts back the text from before', async ({
  page,
  context,
}) => {
  const opus = await session.start({ [FILE]: V1 });
  const { dropbox } = opus;
  await dropbox.filesUpload({ path: FILE, contents: V2, mode: { '.tag': 'overwrite' } });
  await dropbox.filesUpload({ path: FILE, contents: V3, mode: { '.tag': 'overwrite' } });
  await signInAndOpen(page, context, opus.url, FILE);
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('Third version');
  const historyButton = page
    .getByRole('toolbar', { name: 'Document' })
    .getByRole('button', { name: 'History…' });
  const history = page.getByRole('dialog', { name: 'Revision history' });
  const question = page.getByRole('dialog', { name: /^Restore the version of .*\d:\d\d:\d\d/ });

  // Cancel: the question goes, History stays, Dropbox's file and the editor are as they were.
  await historyButton.click();
  await history.getByRole('listbox', { name: 'Revisions' }).getByRole('option').last().click();
  await history.getByRole('button', { name: 'Restore this revision' }).click();
  await expect(question).toContainText('The current text becomes a revision you can return to.');
  await shot(page, 'history-3-restore-question');
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  await expect(history).toBeVisible();
  expect((await downloadText(dropbox, FILE)).text).toBe(V3);

  // Restore: the oldest text lands on Dropbox and in the editor, and a notice offers Undo.
  await history.getByRole('button', { name: 'Restore this revision' }).click();
  await question.getByRole('button', { name: 'Restore' }).click();
  await expect(history).toBeHidden();
  await expect(lines).toContainText('First draft.');
  expect((await downloadText(dropbox, FILE)).text).toBe(V1);
  const notice = page.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText(/Restored essay\.txt to the version of /);
  await shot(page, 'history-4-restored-notice');

  // Undo: the text from before the restore is back, on Dropbox and in the editor.
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toContainText('essay.txt is back to the text it had before the restore.');
  await expect(lines).toContainText('Third version');
  expect((await downloadText(dropbox, FILE)).text).toBe(V3);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
});
