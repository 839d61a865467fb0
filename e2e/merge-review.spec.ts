import { expect, type Page, test } from '@playwright/test';
import { editSent } from './test-support/edits-sent.ts';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';

const FILE = '/chapter.txt';
const NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const text = (lines: string[]) => `${lines.join('\n')}\n`;
const ORIGINAL = text(NUMBERS.map((n) => `line ${n}`));
// Dropbox rewrites line 5 (which the user also edits) and line 9 (which only it touches).
const THEIRS = text(NUMBERS.map((n) => (n === 'five' || n === 'nine' ? `line ${n} (theirs)` : `line ${n}`)));

const session = opusPerTest();

/** Appends " (mine)" to each given line (1-based), by keyboard, and waits until main has the edits. */
async function markMine(page: Page, lineNumbers: number[]) {
  await page.locator('.monaco-editor .view-lines').click();
  let at = 1;
  await page.keyboard.press('Control+Home');
  for (const line of lineNumbers) {
    for (; at < line; at++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const noted = editSent(page);
    await page.keyboard.type(' (mine)');
    await noted;
  }
}

test('the merge names each side, shows where a conflict sits, marks whose lines are whose, and saves edits', async ({
  page,
  context,
}) => {
  const { dropbox, url } = await session.start({ [FILE]: ORIGINAL });
  await signInAndOpen(page, context, url, FILE);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('line one');
  const banner = page.getByRole('alert', { name: 'Dropbox change' });
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });

  await markMine(page, [1, 5]);
  await dropbox.filesUpload({ path: FILE, contents: THEIRS, mode: { '.tag': 'overwrite' } });
  await expect(banner).toBeVisible({ timeout: 2000 });

  // Compare: each side is named above it, and the legend says which colour is whose.
  await banner.getByRole('button', { name: 'Compare' }).click();
  await expect(conflict.locator('.monaco-diff-editor')).toContainText('line nine (theirs)');
  await expect(conflict.getByRole('heading', { name: /^Dropbox version/ })).toBeVisible();
  await expect(conflict.getByRole('heading', { name: /^Your version/ })).toBeVisible();
  await expect(conflict.getByRole('list', { name: 'Colours' })).toContainText(
    'differ in the Dropbox version',
  );
  await shot(page, 'merge-review-1-compare');
  await conflict.getByRole('button', { name: 'Back' }).click();

  // Merge: the one overlapping change, at line 5 of my text, between greyed agreed lines.
  await conflict.getByRole('button', { name: 'Merge' }).click();
  const hunk = conflict.getByRole('group', { name: 'Conflict 1 of 1, at line 5 of your version' });
  await expect(hunk).toBeVisible();
  const mineSide = hunk.getByRole('figure').filter({ hasText: 'Your version' });
  await expect(mineSide.locator('.hunk-context')).toHaveText([
    'line two\nline three\nline four\n',
    'line six\nline seven\nline eight',
  ]);
  await expect(mineSide.locator('.hunk-lines')).toHaveText('line five (mine)\n');
  await expect(hunk.getByRole('figure').filter({ hasText: 'Dropbox version' })).toContainText(
    'line five (theirs)',
  );
  await hunk.getByRole('radio', { name: 'Theirs' }).check();
  await shot(page, 'merge-review-2-hunks');
  await conflict.getByRole('button', { name: 'Review merge' }).click();

  // The review marks my line 1 as mine and lines 5 and 9 as Dropbox's.
  const review = conflict.getByRole('region', { name: 'Merged text' });
  await expect(review).toContainText('line nine (theirs)');
  // Beside each line number, whose line it is; lines nobody changed have none.
  await expect(review.locator('.line-numbers')).toHaveText([
    'yours 1',
    '2',
    '3',
    '4',
    'Dropbox 5',
    '6',
    '7',
    '8',
    'Dropbox 9',
    '10',
    '11',
  ]);
  await expect(conflict.getByRole('list', { name: 'Where the merged lines came from' })).toContainText(
    'Dropbox changed on Dropbox',
  );
  await shot(page, 'merge-review-3-review');

  // Edited before saving: what lands on Dropbox is the text on screen, byte for byte.
  await review.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Written in the review.');
  await expect(review).toContainText('Written in the review.');
  await conflict.getByRole('button', { name: 'Save merged' }).click();
  await expect(conflict).toBeHidden();
  const expected = `${text([
    'line one (mine)',
    ...NUMBERS.slice(1, 4).map((n) => `line ${n}`),
    'line five (theirs)',
    ...NUMBERS.slice(5, 8).map((n) => `line ${n}`),
    'line nine (theirs)',
    'line ten',
  ])}Written in the review.`;
  const status = page.getByRole('status', { name: 'Save state' });
  await expect(status).toHaveText(/^Saved rev [0-9a-f]+$/);
  expect((await downloadText(dropbox, FILE)).text).toBe(expected);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Written in the review.');
});
