import { expect, type Page, test } from '@playwright/test';
import { editsCarrying } from './test-support/edits-sent.ts';
import { bytesOf } from './test-support/localbox-client.ts';
import {
  openFromDropbox,
  opusPerTest,
  shotInBothSchemes,
  signInAndOpen,
} from './test-support/opus-session.ts';
import { fromPalette } from './test-support/palette.ts';

// Two lines in Latin-1 with CRLF; what is typed at the end goes on line 3.
const LATIN1 = 'Café Müller mag Crème brûlée und Käse.\r\nÜbermorgen!\r\n';
const TYPED = 'Preis: 5 €\n✓ bezahlt';
const TYPED_CRLF = 'Preis: 5 €\r\n✓ bezahlt';
const UTF16 = 'Grüße aus Köln — 東京からこんにちは\n';
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const REFUSAL = '“€” on line 3 and “✓” on line 4 cannot be written in Latin-1 (ISO-8859-1)';

const session = opusPerTest();

async function typeAtEnd(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  const heard = editsCarrying(page, text.split('\n').at(-1) ?? text);
  await page.keyboard.type(text);
  await heard;
}

const saveState = (page: Page) => page.getByRole('status', { name: 'Save state' });
const encoding = (page: Page) => page.locator('.status-bar').getByTitle('Encoding');

test('a save Latin-1 cannot hold names the characters and lines, and saves as UTF-8 in one click', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/latin1.txt': Buffer.from(LATIN1, 'latin1') });
  await signInAndOpen(page, context, opus.url, '/latin1.txt');
  await expect(encoding(page)).toHaveText('ISO-8859-1');
  await typeAtEnd(page, TYPED);
  await page.keyboard.press('Control+S');

  const question = page.getByRole('dialog', { name: 'Save latin1.txt as UTF-8?' });
  await expect(question).toContainText(`${REFUSAL}, so latin1.txt was not saved.`);
  await expect(saveState(page)).toHaveText(`Not saved: ${REFUSAL}`);
  await shotInBothSchemes(page, 'encodings-no-dead-end-1-refused');
  expect(await bytesOf(opus.dropbox, '/latin1.txt')).toEqual(Buffer.from(LATIN1, 'latin1'));

  await question.getByRole('button', { name: 'Save as UTF-8' }).click();
  await expect(question).toBeHidden();
  await expect(saveState(page)).toHaveText(/^Saved rev /);
  await expect(encoding(page)).toHaveText('UTF-8');
  expect(await bytesOf(opus.dropbox, '/latin1.txt')).toEqual(Buffer.from(`${LATIN1}${TYPED_CRLF}`, 'utf8'));
  await expect(page.getByRole('tab', { name: 'latin1.txt' }).getByRole('img')).toHaveCount(0);
});

test('Save As with text Latin-1 cannot hold asks, and creates the file as UTF-8', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/latin1.txt': Buffer.from(LATIN1, 'latin1') });
  await signInAndOpen(page, context, opus.url, '/latin1.txt');
  await typeAtEnd(page, TYPED);
  await page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: 'Save As…' }).click();
  const saveAs = page.getByRole('dialog', { name: 'Save As' });
  await saveAs.getByLabel('File name').fill('copy.txt');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();

  const question = page.getByRole('dialog', { name: 'Save copy.txt as UTF-8?' });
  await expect(question).toContainText(`${REFUSAL}, so copy.txt was not created.`);
  await question.getByRole('button', { name: 'Save as UTF-8' }).click();
  await expect(page.getByRole('tab', { name: 'copy.txt', selected: true })).toBeVisible();
  await expect(saveState(page)).toHaveText(/^Saved rev /);
  await expect(encoding(page)).toHaveText('UTF-8');
  expect(await bytesOf(opus.dropbox, '/copy.txt')).toEqual(Buffer.from(`${LATIN1}${TYPED_CRLF}`, 'utf8'));
  expect(await bytesOf(opus.dropbox, '/latin1.txt')).toEqual(Buffer.from(LATIN1, 'latin1'));
});

test('Save As onto a file that exists asks to replace it once, and writes it as UTF-8', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/latin1.txt': Buffer.from(LATIN1, 'latin1'), '/taken.txt': 'Old.\n' });
  await signInAndOpen(page, context, opus.url, '/latin1.txt');
  await typeAtEnd(page, TYPED);
  await page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: 'Save As…' }).click();
  const saveAs = page.getByRole('dialog', { name: 'Save As' });
  await saveAs.getByLabel('File name').fill('taken.txt');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Save taken.txt as UTF-8?' })
    .getByRole('button', { name: 'Save as UTF-8' })
    .click();

  // The replace question carries the chosen encoding on: the UTF-8 question is not asked a second time.
  const replace = page.getByRole('dialog', { name: 'Replace the file?' });
  await replace.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('tab', { name: 'taken.txt', selected: true })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await bytesOf(opus.dropbox, '/taken.txt')).toEqual(Buffer.from(`${LATIN1}${TYPED_CRLF}`, 'utf8'));
});

test('Reopen with Encoding reads the file again, asking first over unsaved text; Save with Encoding converts', async ({
  page,
  context,
}) => {
  const opus = await session.start({
    '/latin1.txt': Buffer.from(LATIN1, 'latin1'),
    '/utf16.txt': utf16le(UTF16),
  });
  const lines = page.locator('.monaco-editor .view-lines');
  await signInAndOpen(page, context, opus.url, '/latin1.txt');

  // Latin-1 bytes read as UTF-8 are not all text: shown as U+FFFD, and the notice says what saving would do.
  await fromPalette(page, 'Reopen with Encoding…');
  const picker = page.getByRole('dialog', { name: 'Reopen latin1.txt with Encoding' });
  await expect(picker.getByRole('button', { name: /Latin-1 \(ISO-8859-1\)/ })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await shotInBothSchemes(page, 'encodings-no-dead-end-2-reopen-picker');
  await picker.getByRole('button', { name: 'UTF-8' }).click();
  await expect(lines).toContainText('Caf\ufffd M\ufffdller');
  await expect(encoding(page)).toHaveText('UTF-8');
  await expect(page.getByRole('status', { name: 'Notice' })).toContainText(
    'Reopened latin1.txt as UTF-8. Some of its bytes are not text in UTF-8',
  );

  // With unsaved text the reopen asks first; then the file is Latin-1 again, untouched on Dropbox.
  await typeAtEnd(page, 'ungespeichert');
  await fromPalette(page, 'Reopen with Encoding…');
  await picker.getByRole('button', { name: /Latin-1/ }).click();
  const ask = page.getByRole('dialog', { name: 'Reopen latin1.txt as Latin-1 (ISO-8859-1)?' });
  await expect(ask).toContainText('Your unsaved changes to latin1.txt will be replaced');
  await ask.getByRole('button', { name: 'Reopen' }).click();
  await expect(lines).toContainText('Café Müller');
  await expect(lines).not.toContainText('ungespeichert');
  await expect(encoding(page)).toHaveText('ISO-8859-1');
  expect(await bytesOf(opus.dropbox, '/latin1.txt')).toEqual(Buffer.from(LATIN1, 'latin1'));

  // A UTF-16 file saved with another encoding: UTF-8 from then on, every character kept.
  await openFromDropbox(page, '/utf16.txt');
  await expect(encoding(page)).toHaveText('UTF-16 LE with BOM');
  await fromPalette(page, 'Save with Encoding…');
  const savePicker = page.getByRole('dialog', { name: 'Save utf16.txt with Encoding' });
  await shotInBothSchemes(page, 'encodings-no-dead-end-3-save-picker');
  await savePicker.getByRole('button', { name: 'UTF-8', exact: true }).click();
  await expect(encoding(page)).toHaveText('UTF-8');
  await expect(saveState(page)).toHaveText(/^Saved rev /);
  expect(await bytesOf(opus.dropbox, '/utf16.txt')).toEqual(Buffer.from(UTF16, 'utf8'));

  // Save with Encoding into one that cannot hold the text: refused by name, with the way out.
  await fromPalette(page, 'Save with Encoding…');
  await savePicker.getByRole('button', { name: /Western \(Windows 1252\)/ }).click();
  const question = page.getByRole('dialog', { name: 'Save utf16.txt as UTF-8?' });
  // The em dash is in Windows 1252; the Japanese is not.
  await expect(question).toContainText(
    '“東”, “京”, “か”, “ら” and “こ” on line 1, and 4 other characters cannot be written in Western (Windows 1252)',
  );
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(saveState(page)).toContainText('Not saved: ');
  expect(await bytesOf(opus.dropbox, '/utf16.txt')).toEqual(Buffer.from(UTF16, 'utf8'));
});

test('unsaved text Latin-1 cannot hold comes back after a restart as UTF-8, and says why', async ({
  page,
  context,
}) => {
  const running = await session.start({ '/latin1.txt': Buffer.from(LATIN1, 'latin1') });
  await signInAndOpen(page, context, running.url, '/latin1.txt');
  await typeAtEnd(page, TYPED);
  const exited = new Promise((resolve) => running.host.child.once('exit', resolve));
  running.host.child.kill('SIGKILL');
  await exited;

  const opus = await session.restart();
  await page.goto(opus.url);
  const notice = page.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText(
    'The unsaved text of latin1.txt could not be kept in Latin-1 (ISO-8859-1); it is shown as UTF-8, and saving writes latin1.txt as UTF-8.',
  );
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('✓ bezahlt');
  await expect(encoding(page)).toHaveText('UTF-8');
  await shotInBothSchemes(page, 'encodings-no-dead-end-4-restored-as-utf8');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+S');
  await expect(saveState(page)).toHaveText(/^Saved rev /);
  expect(await bytesOf(opus.dropbox, '/latin1.txt')).toEqual(Buffer.from(`${LATIN1}${TYPED_CRLF}`, 'utf8'));
});
