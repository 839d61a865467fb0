import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { COMMAND_NAMES, EVENT_NAMES } from '../../electron/common/contract/names.ts';
import {
  answerNativeDialogs,
  clickMenu,
  electronBinary,
  launchDesktop,
  type RunningDesktop,
  scratchFolder,
  signIn,
} from '../test-support/electron-app.ts';
import { downloadText } from '../test-support/localbox-client.ts';
import { whileOpusIsDown } from '../test-support/opus-session.ts';

// The same scenarios as the Chromium project, in the real Electron app: menu items clicked by id, native
// dialogs answered in main. Where no Electron binary exists these tests are skipped, saying why.
const binary = electronBinary();
test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');
// The list reporter shows a skip without its reason: say it when the file is collected.
if ('missing' in binary && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`[electron] skipped: ${binary.missing}`);
}
const executablePath = 'path' in binary ? binary.path : '';

const FILE = '/magnum-opus.txt';
const DRAFT = 'Call me Ishmael.\nSome years ago, never mind how long precisely.\n';

let desktop: RunningDesktop | undefined;

/** Dropbox → Open… from the application menu, then the file by name in the Open dialog. */
async function openFromMenu({ app, window }: RunningDesktop, name: RegExp) {
  await clickMenu(app, 'dropbox.open');
  await window.getByRole('dialog', { name: 'Open from Dropbox' }).getByRole('option', { name }).dblclick();
}
test.afterEach(async () => {
  await desktop?.close();
  desktop = undefined;
});

test('the seed tutorial through the Dropbox menu: upload, open, edit, save, download, history, account', async () => {
  desktop = await launchDesktop(executablePath, {});
  const { app, window, dropbox } = desktop;
  await signIn(desktop);
  const local = scratchFolder();
  writeFileSync(join(local, 'working-draft.txt'), DRAFT);
  await answerNativeDialogs(app, {
    open: join(local, 'working-draft.txt'),
    save: join(local, 'downloaded.txt'),
  });

  await clickMenu(app, 'dropbox.uploadLocalFile');
  const upload = window.getByRole('dialog', { name: 'Upload to Dropbox' });
  await upload.getByRole('button', { name: 'Choose file…' }).click();
  await upload.getByLabel('File name').fill('magnum-opus.txt');
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload).toBeHidden();
  expect((await downloadText(dropbox, FILE)).text).toBe(DRAFT);

  await clickMenu(app, 'dropbox.open');
  const open = window.getByRole('dialog', { name: 'Open from Dropbox' });
  await open.getByRole('option', { name: /magnum-opus\.txt/ }).dblclick();
  await window.locator('.monaco-editor .view-lines').click();
  await window.keyboard.press('Control+End');
  await window.keyboard.type('Written in Electron.');
  await clickMenu(app, 'dropbox.save');
  await expect(window.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
  const saved = await downloadText(dropbox, FILE);
  expect(saved.text).toBe(`${DRAFT}Written in Electron.`);
  await expect(window).toHaveTitle('magnum-opus.txt — Dropbox — Opus');

  await clickMenu(app, 'dropbox.downloadToComputer');
  await expect(window.getByRole('status', { name: 'Notice' })).toContainText('Downloaded magnum-opus.txt');
  expect(readFileSync(join(local, 'downloaded.txt'), 'utf8')).toBe(saved.text);

  await clickMenu(app, 'dropbox.revisionHistory');
  await expect(window.getByRole('listbox', { name: 'Revisions' }).getByRole('option')).toHaveCount(2);
  await window
    .getByRole('dialog', { name: 'Revision history' })
    .getByRole('button', { name: 'Close' })
    .click();

  await clickMenu(app, 'dropbox.account');
  await expect(window.getByRole('dialog', { name: 'Account' })).toContainText('localbox on this computer');
});

test('another computer’s change shows the banner, and a stale save asks before anything is overwritten', async () => {
  desktop = await launchDesktop(executablePath, { [FILE]: DRAFT });
  const { app, window, dropbox } = desktop;
  await signIn(desktop);
  await openFromMenu(desktop, /magnum-opus/);
  await window.locator('.monaco-editor .view-lines').click();
  await window.keyboard.press('Control+End');
  await window.keyboard.type('Mine.');
  await dropbox.filesUpload({ path: FILE, contents: 'Theirs.\n', mode: { '.tag': 'overwrite' } });
  await expect(window.getByRole('alert', { name: 'Dropbox change' })).toBeVisible({ timeout: 2000 });
  await clickMenu(app, 'dropbox.save');
  const conflict = window.getByRole('dialog', { name: 'Conflict with Dropbox' });
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toBeHidden();
  expect((await downloadText(dropbox, FILE)).text).toBe(`${DRAFT}Mine.`);
});

test('closing the window with unsaved text asks Save / Don’t Save / Cancel, then closes', async () => {
  desktop = await launchDesktop(executablePath, { [FILE]: DRAFT });
  const { app, window, userData } = desktop;
  await signIn(desktop);
  await openFromMenu(desktop, /magnum-opus/);
  await window.locator('.monaco-editor .view-lines').click();
  // A click lands the cursor wherever the pointer was; the text below is expected at the start.
  await window.keyboard.press('Control+Home');
  await window.keyboard.type('Unsaved. ');

  // The process ends (and the embedded localbox with it) once the window closes, except on macOS.
  const exited = app.waitForEvent('close');
  const windowClosed = window.waitForEvent('close');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  const ask = window.getByRole('dialog', { name: 'Save changes?' });
  await expect(ask).toContainText('Save changes to magnum-opus.txt before Opus closes?');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(window.locator('.monaco-editor .view-lines')).toContainText('Unsaved.');

  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await ask.getByRole('button', { name: 'Save', exact: true }).click();
  await windowClosed;
  // On macOS the app stays in the Dock without windows, so the test quits it.
  if (process.platform === 'darwin') await app.evaluate(({ app }) => app.quit());
  await exited;
  // The saved text, read by a standalone localbox on the data the app's embedded one left behind.
  const saved = await whileOpusIsDown(userData, (dropbox) => downloadText(dropbox, FILE));
  expect(saved.text).toBe(`Unsaved. ${DRAFT}`);
});

test('the window is sandboxed and isolated: the page sees window.opus and nothing of Node', async () => {
  desktop = await launchDesktop(executablePath, {});
  const { app, window } = desktop;
  const preferences = await app.evaluate(({ BrowserWindow }) => {
    // getLastWebPreferences is newer than the Electron types Playwright ships with.
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
      getLastWebPreferences(): Record<string, unknown>;
    };
    const prefs = contents.getLastWebPreferences();
    return {
      contextIsolation: prefs?.contextIsolation,
      sandbox: prefs?.sandbox,
      nodeIntegration: prefs?.nodeIntegration,
      webSecurity: prefs?.webSecurity,
    };
  });
  expect(preferences).toEqual({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
  });
  const seen = await window.evaluate(() => ({
    keys: Object.keys((window as unknown as { opus: object }).opus).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  const capital = (name: string) => `on${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  expect(seen).toEqual({
    keys: [...COMMAND_NAMES, ...EVENT_NAMES.map(capital)].sort(),
    require: 'undefined',
    process: 'undefined',
  });
});
