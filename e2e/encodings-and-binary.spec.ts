import { expect, type Page, test } from '@playwright/test';
import { bytesOf } from './test-support/localbox-client.ts';
import { openFromDropbox, opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';

const LATIN1 = 'Café Müller mag Crème brûlée und Käse.\r\nÜbermorgen!\r\n';
const UTF16 = 'Grüße aus Köln — 東京からこんにちは\n';
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
// A PNG's signature and header: NUL bytes and no text encoding can explain them.
const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000', 'hex');

const session = opusPerTest();

async function appendAndSave(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/^Saved rev /);
}

test('Latin-1 and UTF-16 files come back byte for byte; a binary file is refused with a message', async ({
  page,
  context,
}) => {
  const opus = await session.start({
    '/latin1.txt': Buffer.from(LATIN1, 'latin1'),
    '/utf16.txt': utf16le(UTF16),
    '/picture.png': PNG,
  });
  const status = page.locator('.status-bar');

  await signInAndOpen(page, context, opus.url, '/latin1.txt');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Crème brûlée');
  await expect(status.getByTitle('Encoding')).toHaveText(/ISO-8859-1|WINDOWS-1252/);
  await expect(status.getByTitle('Line endings')).toHaveText('CRLF');
  await shot(page, 'encodings-1-latin1');
  await appendAndSave(page, 'Ça coûte 5 ¤.');
  expect(await bytesOf(opus.dropbox, '/latin1.txt')).toEqual(Buffer.from(`${LATIN1}Ça coûte 5 ¤.`, 'latin1'));

  await openFromDropbox(page, '/utf16.txt');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('東京からこんにちは');
  await expect(status.getByTitle('Encoding')).toHaveText('UTF-16 LE with BOM');
  await appendAndSave(page, 'Tschüss');
  expect(await bytesOf(opus.dropbox, '/utf16.txt')).toEqual(utf16le(`${UTF16}Tschüss`));

  // The binary file never opens as text: a clear message, no tab, and the open documents untouched.
  await openFromDropbox(page, '/picture.png');
  const notice = page.getByRole('alert', { name: 'Notice' });
  await expect(notice).toContainText('picture.png');
  await expect(notice).toContainText(/binary/i);
  await expect(page.getByRole('tab')).toHaveCount(2);
  await shot(page, 'encodings-2-binary-refused');
  expect(await bytesOf(opus.dropbox, '/picture.png')).toEqual(PNG);
});
