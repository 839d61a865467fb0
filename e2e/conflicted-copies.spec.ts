import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { serious } from './test-support/axe.ts';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shotInBothSchemes, signInAndOpen } from './test-support/opus-session.ts';

const FILE = '/chapter.txt';
const COPY = "/chapter (Work laptop's conflicted copy 2026-11-30).txt";
const NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** The ten lines, with `changed` lines rewritten as `line five (r3)`. */
const text = (changed: Record<string, string>) =>
  `${NUMBERS.map((n) => (changed[n] ? `line ${n} (${changed[n]})` : `line ${n}`)).join('\n')}\n`;

const session = opusPerTest();
// Dropbox's timestamps have whole seconds: revisions a second apart are in a known order.
const nextSecond = () => sleep(1100);
const dropboxTime = () => `${new Date().toISOString().slice(0, 19)}Z`;

test('a conflicted copy that appears beside the open file is merged, saved and deleted from its bar', async ({
  page,
  context,
}) => {
  const { dropbox, url } = await session.start({ [FILE]: text({}) });
  // r2 changes line one; the laptop went offline on r2 and changed line nine; r3 then changed line five.
  await dropbox.filesUpload({ path: FILE, contents: text({ one: 'r2' }), mode: { '.tag': 'overwrite' } });
  await nextSecond();
  const laptopEdit = dropboxTime();
  await nextSecond();
  await dropbox.filesUpload({
    path: FILE,
    contents: text({ one: 'r2', five: 'r3' }),
    mode: { '.tag': 'overwrite' },
  });

  await signInAndOpen(page, context, url, FILE);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('line five (r3)');
  const bar = page.getByRole('status', { name: 'Conflicted copy' });
  await expect(bar).toBeHidden();

  // The laptop comes back online: its desktop client uploads the copy beside the original.
  await dropbox.filesUpload({
    path: COPY,
    contents: text({ one: 'r2', nine: 'laptop' }),
    client_modified: laptopEdit,
  });
  await expect(bar).toContainText(
    'Dropbox made a conflicted copy of chapter.txt on Work laptop (2026-11-30)',
    { timeout: 5000 },
  );
  await shotInBothSchemes(page, 'conflicted-copy-1-bar');
  expect(await serious(page, 'conflicted copy bar')).toEqual([]);

  await bar.getByRole('button', { name: 'Resolve…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Resolve conflicted copy' });
  const review = dialog.getByRole('region', { name: 'Merged text' });
  // Merged on r2, the revision the copy started from: r3's line five stays, the laptop's line nine comes in.
  await expect(review).toContainText('line nine (laptop)');
  await expect(review).toContainText('line five (r3)');
  await shotInBothSchemes(page, 'conflicted-copy-2-review');
  expect(await serious(page, 'conflicted copy review')).toEqual([]);
  await dialog.getByRole('button', { name: 'Save merged' }).click();

  const merged = text({ one: 'r2', five: 'r3', nine: 'laptop' });
  await expect(dialog.getByRole('button', { name: 'Delete the copy' })).toBeVisible();
  expect((await downloadText(dropbox, FILE)).text).toBe(merged);
  // Saved, not yet deleted: the copy stays until the person says so.
  await expect(dropbox.filesGetMetadata({ path: COPY })).resolves.toBeTruthy();
  await shotInBothSchemes(page, 'conflicted-copy-3-delete');

  await dialog.getByRole('button', { name: 'Delete the copy' }).click();
  await expect(dialog.getByRole('status')).toContainText('is deleted');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dropbox.filesGetMetadata({ path: COPY })).rejects.toBeTruthy();
  await expect(bar).toBeHidden();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('line nine (laptop)');
  await expect(page.getByRole('tab', { name: /chapter\.txt/ })).not.toContainText('●');
});
