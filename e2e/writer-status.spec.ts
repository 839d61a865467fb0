import { expect, test } from '@playwright/test';
import { opusPerTest, shotInBothSchemes, signInAndOpen } from './test-support/opus-session.ts';

const FILE = '/chapter.md';
// 9 words, then 3 in Japanese (東京 · は · 晴れ), written without spaces.
const TEXT = 'The quick brown fox jumps over the lazy dog.\n東京は晴れ\n';

const session = opusPerTest();

test("the status bar counts the document's words, characters and reading time, and a selection's", async ({
  page,
  context,
}) => {
  const { url } = await session.start({ [FILE]: TEXT });
  await signInAndOpen(page, context, url, FILE);
  const count = page.getByRole('status', { name: 'Word count' });
  await expect(count).toHaveText(`12 words · ${TEXT.length} characters · under 1 min read`);

  // The first line selected: its words and characters alone.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+End');
  await expect(count).toHaveText('9 words selected · 44 characters');
  await shotInBothSchemes(page, 'writer-status-1-selection');

  // Typing follows, once the keys pause.
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Two more.');
  await expect(count).toHaveText(`14 words · ${TEXT.length + 9} characters · under 1 min read`);
  await shotInBothSchemes(page, 'writer-status-2-document');
});

test('a long document is counted to its reading time', async ({ page, context }) => {
  const paragraph = 'Call me Ishmael. Some years ago, never mind how long precisely, I went to sea.\n';
  const { url } = await session.start({ [FILE]: paragraph.repeat(2000) });
  await signInAndOpen(page, context, url, FILE);
  // 15 words a paragraph, 30,000 in all: 130 minutes at 230 a minute.
  await expect(page.getByRole('status', { name: 'Word count' })).toHaveText(
    `30,000 words · ${(paragraph.length * 2000).toLocaleString('en')} characters · 2 h 10 min read`,
  );
});
