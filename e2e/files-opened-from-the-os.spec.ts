import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { type RunningOpus, seedDropbox, shot, signIn, startOpus } from './test-support/opus-session.ts';

// This computer: a home whose Dropbox desktop client syncs into ~/Dropbox (its info.json says so),
// and a draft on the Desktop, outside Dropbox.
const home = mkdtempSync(join(tmpdir(), 'opus-e2e-home-'));
const dropboxFolder = join(home, 'Dropbox');
const desktop = join(home, 'Desktop');
mkdirSync(join(dropboxFolder, 'Notes'), { recursive: true });
mkdirSync(desktop);
mkdirSync(join(home, '.dropbox'));
writeFileSync(join(home, '.dropbox', 'info.json'), JSON.stringify({ personal: { path: dropboxFolder } }));
// The client's copies lag behind Dropbox: what opens must be Dropbox's text, read through the API.
writeFileSync(join(dropboxFolder, 'Notes', 'todo.md'), 'an old synced copy\n');
writeFileSync(join(dropboxFolder, 'Notes', 'plan.txt'), 'an old synced copy\n');
writeFileSync(join(desktop, 'working-draft.txt'), 'It was a dark and stormy night.\n');

let running: RunningOpus | undefined;
let dataDir: string | undefined;
test.afterAll(async () => {
  await running?.host.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

test('files the host is given as the OS gives them: Dropbox ones open in tabs, a local one is chosen for upload', async ({
  page,
  context,
}) => {
  const seeded = await seedDropbox({ '/Notes/todo.md': '- milk\n- eggs\n', '/Notes/plan.txt': 'Plan A.\n' });
  dataDir = seeded.dataDir;
  // The host reads info.json from its home, as the desktop app does: this test's home, for its launch.
  const realHome = process.env.HOME;
  process.env.HOME = home;
  try {
    running = await startOpus(seeded.dataDir, seeded.token, [
      join(dropboxFolder, 'Notes', 'todo.md'),
      join(dropboxFolder, 'Notes', 'plan.txt'),
      join(desktop, 'working-draft.txt'),
      desktop,
    ]);
  } finally {
    process.env.HOME = realHome;
  }

  // They wait while nobody is signed in, and come once the workspace can open them.
  await signIn(page, context, running.url);
  const tabs = page.getByRole('tablist');
  await expect(tabs.getByRole('tab')).toHaveText(['todo.md', 'plan.txt']);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Plan A.');
  await expect(page.getByRole('alert', { name: 'Notice' })).toContainText(
    'Could not open Desktop: it is a folder, not a file.',
  );

  const upload = page.getByRole('dialog', { name: 'Upload to Dropbox' });
  await expect(upload.locator('.chosen-file')).toContainText('working-draft.txt');
  const name = upload.getByRole('textbox', { name: 'File name' });
  await expect(name).toHaveValue('working-draft.txt');
  await expect(name).toBeFocused();
  await shot(page, 'os-files-upload-chosen-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'os-files-upload-chosen-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await name.fill('magnum-opus.txt');
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload).toBeHidden();
  await expect(page.getByRole('status', { name: 'Notice' })).toContainText('Uploaded magnum-opus.txt');
  // Next to the active tab's file, as the Upload command does.
  expect((await downloadText(running.dropbox, '/Notes/magnum-opus.txt')).text).toBe(
    'It was a dark and stormy night.\n',
  );
  await tabs.getByRole('tab', { name: 'todo.md' }).click();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('- milk- eggs');
});
