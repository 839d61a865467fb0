import { expect, type Page, test } from '@playwright/test';
import { type A11yFinding, serious } from './test-support/axe.ts';
import { opusPerTest, shot, signInAndOpen } from './test-support/opus-session.ts';

// Every screen a person meets, checked by axe-core in the light and the dark scheme: no serious or
// critical violation. The findings of a whole walk are gathered first, so one run names them all.

const FILE = '/accessible.txt';
const MINE = 'One line.\nA second line.\nThe last line.\n';

const session = opusPerTest();
// axe reads the whole page twice per screen (light, dark): a walk takes minutes on a busy machine.
test.describe.configure({ timeout: 300_000 });

const toolbarButton = (page: Page, name: string | RegExp) =>
  page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name });

function report(findings: A11yFinding[]): string {
  return findings
    .map(
      (f) => `${f.screen} (${f.scheme}): ${f.rule} [${f.impact}] ${f.help}\n    ${f.targets.join('\n    ')}`,
    )
    .join('\n');
}

test('the screens before signing in have no serious accessibility violations', async ({ page }) => {
  const opus = await session.start({ [FILE]: MINE });
  const findings: A11yFinding[] = [];
  await page.goto(opus.url);
  await expect(page.getByRole('button', { name: 'Sign in to localbox' })).toBeVisible();
  findings.push(...(await serious(page, 'sign-in')));
  await shot(page, 'a11y-sign-in');

  await page.getByRole('button', { name: 'Use your Dropbox instead…' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  findings.push(...(await serious(page, 'settings')));
  await settings.getByRole('button', { name: 'Close' }).click();

  const consentOpened = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in with a code instead' }).click();
  const consent = await consentOpened;
  findings.push(...(await serious(consent, 'consent page')));
  await consent.close();
  await expect(page.getByRole('form', { name: 'Sign in with a code' })).toBeVisible();
  findings.push(...(await serious(page, 'paste-code sign-in')));

  expect(findings, report(findings)).toEqual([]);
});

test('the screens of a signed-in session have no serious accessibility violations', async ({
  page,
  context,
}) => {
  const opus = await session.start({ [FILE]: MINE, '/notes/other.md': '# Other\n' });
  const findings: A11yFinding[] = [];
  const check = async (screen: string) => {
    findings.push(...(await serious(page, screen)));
  };
  await page.goto(opus.url);
  const consentOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in to localbox' }).click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  await expect(toolbarButton(page, /^Account: /)).toBeVisible();
  await consent.close();
  await check('welcome');

  await toolbarButton(page, 'Open…').click();
  const open = page.getByRole('dialog', { name: 'Open from Dropbox' });
  await expect(open.getByRole('option', { name: /accessible\.txt/ })).toBeVisible();
  await check('open browser');
  await open.getByRole('option', { name: /accessible\.txt/ }).dblclick();
  await expect(open).toBeHidden();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('The last line.');
  await check('editor');
  // The Markdown preview beside it (any file can have one).
  await page.keyboard.press('F1');
  await page.keyboard.type('markdown preview');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: /^Preview of / })).toBeVisible();
  await check('markdown preview');
  await page.getByRole('button', { name: 'Close Preview' }).click();

  await toolbarButton(page, 'Save As…').click();
  const saveAs = page.getByRole('dialog', { name: /Save As/ });
  await expect(saveAs).toBeVisible();
  await check('save as browser');
  await page.keyboard.press('Escape');
  await expect(saveAs).toBeHidden();

  await toolbarButton(page, 'Upload…').click();
  const upload = page.getByRole('dialog', { name: 'Upload to Dropbox' });
  await expect(upload).toBeVisible();
  await check('upload browser');
  await page.keyboard.press('Escape');
  await expect(upload).toBeHidden();

  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await check('command palette');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+P');
  const quickOpen = page.getByRole('dialog', { name: 'Quick Open' });
  await quickOpen.getByRole('combobox').pressSequentially('t');
  await expect(quickOpen.getByRole('option').first()).toBeVisible();
  await check('quick open');
  await page.keyboard.press('Escape');

  await toolbarButton(page, /^Account: /).click();
  const account = page.getByRole('dialog', { name: 'Account' });
  await expect(account).toBeVisible();
  await check('account');
  await account.getByRole('button', { name: 'Close' }).click();

  await toolbarButton(page, 'History…').click();
  const history = page.getByRole('dialog', { name: 'Revision history' });
  await expect(history.getByRole('option').first()).toBeVisible();
  await check('revision history');
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();

  // Mine and theirs part ways: the banner, Compare, the conflict prompt and the merge.
  await lines.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Mine at the end.');
  await opus.dropbox.filesUpload({
    path: FILE,
    contents: 'One line, theirs.\nA second line.\nThe last line.\n',
    mode: { '.tag': 'overwrite' },
  });
  const banner = page.getByRole('alert', { name: 'Dropbox change' });
  await expect(banner).toBeVisible();
  await check('remote change banner');
  await shot(page, 'a11y-banner');

  await banner.getByRole('button', { name: 'Compare' }).click();
  const conflict = page.getByRole('dialog', { name: 'Conflict with Dropbox' });
  await expect(conflict.locator('.monaco-diff-editor')).toBeVisible();
  await check('compare');
  await page.keyboard.press('Escape');
  await expect(conflict).toBeHidden();

  await lines.click();
  await page.keyboard.press('Control+S');
  await expect(conflict).toBeVisible();
  await check('conflict dialog');
  await conflict.getByRole('button', { name: 'Merge' }).click();
  await expect(conflict.getByRole('region', { name: 'Merged text' })).toBeVisible();
  await check('merge');
  await shot(page, 'a11y-merge');

  expect(findings, report(findings)).toEqual([]);
});

test('a keyboard user leaves the editor with F6 or Ctrl+M, and a dialog keeps and returns the focus', async ({
  page,
  context,
}) => {
  const opus = await session.start({ [FILE]: MINE });
  await signInAndOpen(page, context, opus.url, FILE);
  const lines = page.locator('.monaco-editor .view-lines');
  await lines.click();
  // Where the keyboard is: the region holding the focused element.
  const focusIn = (selector: string) => page.locator(`${selector} :focus, ${selector}:focus`);
  const editorFocus = focusIn('.monaco-editor');
  await expect(editorFocus).toHaveCount(1);

  // F6 walks the regions (toolbar, tabs, editor, status bar) round and round; Shift+F6 walks back.
  const toolbarFocus = focusIn('[role="toolbar"]');
  for (let press = 0; press < 3 && (await toolbarFocus.count()) === 0; press++)
    await page.keyboard.press('F6');
  await expect(toolbarFocus).toHaveCount(1);
  await page.keyboard.press('F6');
  await expect(focusIn('[role="tablist"]')).toHaveCount(1);
  await page.keyboard.press('F6');
  await expect(editorFocus).toHaveCount(1);
  await page.keyboard.press('Shift+F6');
  await expect(focusIn('[role="tablist"]')).toHaveCount(1);
  await page.keyboard.press('Shift+F6');
  await expect(toolbarFocus).toHaveCount(1);

  // In the editor Tab types; after Ctrl+M it moves the focus out instead.
  await lines.click();
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect(editorFocus).toHaveCount(0);
  await expect(lines).toContainText('The last line.');

  // A dialog holds Tab inside it however often it is pressed, and Escape gives the focus back.
  const open = page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: 'Open…' });
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Open from Dropbox' });
  await expect(dialog.getByRole('option', { name: /accessible\.txt/ })).toBeVisible();
  for (let press = 0; press < 15; press++) {
    await page.keyboard.press('Tab');
    await expect(dialog.locator(':focus')).toHaveCount(1);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});
