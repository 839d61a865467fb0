import { expect, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot, signInAndOpen, whileOpusIsDown } from './test-support/opus-session.ts';

const FILE = '/draft.txt';
const TYPED = 'Typed while the helper was gone.';
const session = opusPerTest();

test('text kept while the helper was stopped, its file changed on Dropbox meanwhile, comes back to be merged', async ({
  page,
  context,
}) => {
  const running = await session.start({ [FILE]: 'First line.\n' });
  await signInAndOpen(page, context, running.url, FILE);
  const lines = page.locator('.monaco-editor .view-lines');
  await lines.click();
  await page.keyboard.press('Control+End');

  // The helper goes before anything reached the journal: the window alone keeps what is typed.
  const exited = new Promise((resolve) => running.host.child.once('exit', resolve));
  running.host.child.kill('SIGKILL');
  await exited;
  await page.keyboard.type(TYPED);
  await expect(page.getByRole('status', { name: 'Save state' })).toContainText('kept in this window');
  const theirs = 'Their line.\nFirst line.\n';
  await whileOpusIsDown(session.dataDir, (dropbox) =>
    dropbox.filesUpload({ path: FILE, contents: theirs, mode: { '.tag': 'overwrite' } }),
  );

  const opus = await session.restart();
  await page.goto(opus.url);
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });
  await expect(conflict).toBeVisible();
  const notice = page.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText(
    "Brought back what you typed in draft.txt while Opus's helper was stopped.",
  );
  await expect(notice).toContainText('changed on Dropbox meanwhile');
  await expect(lines).toContainText(TYPED);
  await shot(page, 'kept-text-after-dropbox-moved');

  // Their new first line and my new last line do not overlap: the merge keeps both.
  await conflict.getByRole('button', { name: 'Merge' }).click();
  const merged = conflict.getByRole('region', { name: 'Merged text' });
  await expect(merged).toContainText('Their line.');
  await expect(merged).toContainText(TYPED);
  await conflict.getByRole('button', { name: 'Save merged' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
  expect((await downloadText(opus.dropbox, FILE)).text).toBe(`${theirs}${TYPED}`);
  // Saved: the notice has nothing left to say.
  await expect(notice).toHaveCount(0);
});
