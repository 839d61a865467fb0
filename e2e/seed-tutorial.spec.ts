import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Dropbox } from 'dropbox';
import { opusPerTest, shot } from './test-support/opus-session.ts';
import { shownRev } from './test-support/shown-revs.ts';

// The seed's tutorial, as a person does it in Opus: sign in, see the account, put_file a local draft
// as /magnum-opus.txt, find it in the browser, edit and save it, get it back onto the computer.
const DRAFT = 'Call me Ishmael.\r\nSome years ago — never mind how long precisely — having little money.\r\n';
const TYPED = 'Written in Opus.';

const session = opusPerTest();

async function dropboxBytes(dropbox: Dropbox, path: string): Promise<{ bytes: Buffer; rev: string }> {
  const { result } = await dropbox.filesDownload({ path });
  return { bytes: (result as unknown as { fileBinary: Buffer }).fileBinary, rev: result.rev };
}

test('the seed tutorial: sign in, upload working-draft.txt as /magnum-opus.txt, edit, save, download', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/Notes/plan.md': '# Plan\n' });
  const { dropbox } = opus;
  const { result: me } = await dropbox.usersGetCurrentAccount();

  // Sign in through the consent page, then the account panel names who and how much space.
  await page.goto(opus.url);
  const consentOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in to localbox' }).click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  const accountButton = toolbar.getByRole('button', { name: `Account: ${me.name.display_name}` });
  // The consent tab closes once Opus is signed in: closed at once, it could cancel Allow's own POST.
  await expect(accountButton).toBeVisible();
  await consent.close();
  await accountButton.click();
  const account = page.getByRole('dialog', { name: 'Account' });
  await expect(account).toContainText(me.email);
  await expect(account).toContainText(/ of .* used/);
  await expect(account.getByRole('meter', { name: 'Space used' })).toBeVisible();
  await shot(page, 'tutorial-1-account');
  await account.getByRole('button', { name: 'Close' }).click();

  // put_file: the local working-draft.txt becomes /magnum-opus.txt, byte for byte.
  await page
    .getByRole('region', { name: 'No document open' })
    .getByRole('button', { name: 'Upload Local File…' })
    .click();
  const upload = page.getByRole('dialog', { name: 'Upload to Dropbox' });
  await upload.getByLabel('Local file').setInputFiles({
    name: 'working-draft.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(DRAFT),
  });
  const name = upload.getByLabel('File name');
  await expect(name).toHaveValue('working-draft.txt');
  await name.fill('magnum-opus.txt');
  await shot(page, 'tutorial-2-upload');
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload).toBeHidden();
  await expect(page.getByRole('status', { name: 'Notice' })).toContainText('Uploaded magnum-opus.txt');
  const uploaded = await dropboxBytes(dropbox, '/magnum-opus.txt');
  expect(uploaded.bytes).toEqual(Buffer.from(DRAFT));

  // The browser shows it with its size and time; open it.
  await toolbar.getByRole('button', { name: 'Open…' }).click();
  const open = page.getByRole('dialog', { name: 'Open from Dropbox' });
  const row = open.getByRole('option', { name: /magnum-opus\.txt/ });
  await expect(row).toContainText(`${Buffer.byteLength(DRAFT)} B`);
  await expect(row).toContainText('Today');
  await row.dblclick();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Call me Ishmael.');
  await expect(page.locator('.status-bar').getByTitle('Line endings')).toHaveText('CRLF');

  // Edit and save: a new rev, shown in the status bar, and the file keeps its CRLF line endings.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(TYPED);
  await page.keyboard.press('Control+S');
  const status = page.getByRole('status', { name: 'Save state' });
  await expect(status).toHaveText(/^Saved rev /);
  const saved = await dropboxBytes(dropbox, '/magnum-opus.txt');
  expect(saved.rev).not.toBe(uploaded.rev);
  expect(saved.bytes.toString('utf8')).toBe(`${DRAFT}${TYPED}`);
  await expect(status).toHaveText(`Saved rev ${await shownRev(page.locator('.status-rev'), saved.rev)}`);
  await shot(page, 'tutorial-3-saved');

  // Another computer writes the very same bytes: nothing changed, so no banner (even with unsaved text).
  // strict_conflict makes Dropbox keep a new rev even of the same bytes, so the watcher sees a change
  // and Opus's own content_hash check is what keeps the banner away.
  await page.keyboard.type(' More.');
  const same = await dropbox.filesUpload({
    path: '/magnum-opus.txt',
    contents: saved.bytes,
    mode: { '.tag': 'overwrite' },
    strict_conflict: true,
  });
  expect(same.result.rev).not.toBe(saved.rev);
  await page.waitForTimeout(2500);
  await expect(page.getByRole('alert', { name: 'Dropbox change' })).toBeHidden();
  await page.keyboard.press('Control+Z');

  // Download to Computer: the bytes on disk are Dropbox's, exactly.
  const downloading = page.waitForEvent('download');
  await toolbar.getByRole('button', { name: 'Download…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('magnum-opus.txt');
  expect(readFileSync(await download.path())).toEqual(saved.bytes);

  // Save As into a folder made on the way: New folder, then a name.
  await toolbar.getByRole('button', { name: 'Save As…' }).click();
  const saveAs = page.getByRole('dialog', { name: 'Save As' });
  await saveAs.getByRole('button', { name: 'New folder' }).click();
  await saveAs.getByLabel('New folder name').fill('Drafts');
  await saveAs.getByRole('button', { name: 'Create' }).click();
  await expect(saveAs.getByRole('option', { name: /Drafts/ })).toBeVisible();
  await saveAs.getByRole('option', { name: /Drafts/ }).dblclick();
  await expect(saveAs.getByRole('navigation', { name: 'Folder' })).toContainText('Drafts');
  await saveAs.getByLabel('File name').fill('second draft.txt');
  await shot(page, 'tutorial-4-save-as');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveAs).toBeHidden();
  await expect(page.getByRole('tab', { name: 'second draft.txt', selected: true })).toBeVisible();
  expect((await dropboxBytes(dropbox, '/Drafts/second draft.txt')).bytes).toEqual(saved.bytes);
});
