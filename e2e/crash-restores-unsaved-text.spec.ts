import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { editsCarrying } from './test-support/edits-sent.ts';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot, signInAndOpen, whileOpusIsDown } from './test-support/opus-session.ts';

const FILE = '/magnum-opus.txt';
const ORIGINAL = 'Call me Ishmael.\nSome years ago, never mind how long precisely.\n';
const TYPED = 'Typed just before the crash.';

const session = opusPerTest();

/**
 * Signs in, opens the file, types at its end, waits for the core to journal it, then kills the host
 * (and its embedded localbox) with -9. Returns the data folder the next start uses.
 */
async function typeThenKill(page: Page, context: BrowserContext): Promise<void> {
  const running = await session.start({ [FILE]: ORIGINAL });
  await signInAndOpen(page, context, running.url, FILE);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  // The first keystroke is sent at once; wait for the edit that completes the typed text in main.
  const noted = editsCarrying(page, TYPED);
  await page.keyboard.type(TYPED);
  await noted;
  const exited = new Promise((resolve) => running.host.child.once('exit', resolve));
  running.host.child.kill('SIGKILL');
  await exited;
}

test('after a kill -9 the next start brings the unsaved text back, and it saves', async ({
  page,
  context,
}) => {
  await typeThenKill(page, context);

  const opus = await session.restart();
  await page.goto(opus.url);
  const notice = page.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText('Restored unsaved changes to magnum-opus.txt');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(TYPED);
  const tab = page.getByRole('tab', { name: /magnum-opus\.txt/ });
  await expect(tab.getByRole('img', { name: 'unsaved changes' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Restored · Unsaved');
  await shot(page, 'crash-1-restored');

  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
  expect((await downloadText(opus.dropbox, FILE)).text).toBe(`${ORIGINAL}${TYPED}`);
});

test('a link to a document with unsaved text from before the crash brings that text back, in one tab', async ({
  page,
  context,
}) => {
  await typeThenKill(page, context);

  const opus = await session.restart();
  const link = new URL(opus.url);
  link.searchParams.set('open', FILE);
  await page.goto(link.href);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(TYPED);
  // The restored document itself, not a second copy opened from Dropbox beside it.
  await expect(page.getByRole('tab')).toHaveCount(1);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Restored · Unsaved');
  await shot(page, 'crash-3-restored-through-a-link');
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
  expect((await downloadText(opus.dropbox, FILE)).text).toBe(`${ORIGINAL}${TYPED}`);
});

test('a change on Dropbox while Opus was down goes straight to the conflict prompt', async ({
  page,
  context,
}) => {
  await typeThenKill(page, context);
  const theirs = ORIGINAL.replace('Call me Ishmael.', 'Call me Ishmael, said the other computer.');
  await whileOpusIsDown(session.dataDir, (dropbox) =>
    dropbox.filesUpload({ path: FILE, contents: theirs, mode: { '.tag': 'overwrite' } }),
  );

  const opus = await session.restart();
  await page.goto(opus.url);
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });
  await expect(conflict).toBeVisible();
  await expect(page.getByRole('status', { name: 'Notice' })).toContainText('changed on Dropbox meanwhile');
  await shot(page, 'crash-2-conflict-on-restore');

  // Their first line and my last line do not overlap: the merge keeps both, reviewed before saving.
  await conflict.getByRole('button', { name: 'Merge' }).click();
  const merged = conflict.getByRole('region', { name: 'Merged text' });
  await expect(merged).toContainText('said the other computer');
  await expect(merged).toContainText(TYPED);
  await conflict.getByRole('button', { name: 'Save merged' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
  expect((await downloadText(opus.dropbox, FILE)).text).toBe(`${theirs}${TYPED}`);
});
