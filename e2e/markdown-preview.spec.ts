import { expect, type Page, test } from '@playwright/test';
import { HOSTILE_MARKDOWN } from './test-support/hostile-markdown.ts';
import { opusPerTest, shotInBothSchemes, signIn, signInAndOpen } from './test-support/opus-session.ts';

const DOC = '/journal/today.md';
const FILLER = Array.from({ length: 150 }, (_, at) => `Paragraph ${at + 1} of filler, there to scroll.\n`);
const TEXT = [
  '# Today',
  '',
  'Plans, with a [link to the notes](../notes/a.md) and [the tasks](#tasks).',
  '',
  '## Tasks',
  '',
  '- [x] Write the preview',
  '- [ ] Test it',
  '',
  '| Fruit | Count |',
  '|---|--:|',
  '| Apples | 3 |',
  '',
  '![a dot](pics/dot.png)',
  '',
  '![from the web](https://example.com/cat.png)',
  '',
  ...FILLER,
].join('\n');
// A 1×1 PNG: the image from the same Dropbox.
const DOT = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const session = opusPerTest();

/** Every request the page makes to anywhere but this machine (the host, its localbox). */
function remoteRequests(page: Page): string[] {
  const remote: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url) && !/^(blob|data):/.test(url)) remote.push(url);
  });
  return remote;
}

async function togglePreviewFromPalette(page: Page) {
  await page.keyboard.press('F1');
  await page.keyboard.type('markdown preview');
  await page.keyboard.press('Enter');
}

test('Ctrl+K V previews Markdown beside the editor: GFM, Dropbox images, links, scroll in step', async ({
  page,
  context,
}) => {
  const opus = await session.start({
    [DOC]: TEXT,
    '/journal/pics/dot.png': DOT,
    '/notes/a.md': '# Notes A\n',
  });
  const remote = remoteRequests(page);
  await signIn(page, context, opus.url);
  const address = new URL(opus.url);
  address.searchParams.set('open', DOC);
  await page.goto(address.href);
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('Plans, with a');

  // The chord as VS Code has it, in the editor (Monaco's own chord handling).
  await lines.click();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('v');
  const preview = page.getByRole('complementary', { name: 'Preview of today.md' });
  const body = preview.locator('.markdown-preview-body');
  await expect(preview.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  await expect(preview.getByRole('cell', { name: 'Apples' })).toBeVisible();
  await expect(preview.getByRole('checkbox', { name: 'Done' })).toBeChecked();
  await expect(preview.getByRole('checkbox', { name: 'To do' })).not.toBeChecked();
  await expect(preview.getByRole('checkbox', { name: 'Done' })).toBeDisabled();
  // The Dropbox's image arrives as bytes, shown from a blob: URL; the web's stays blocked, and says why.
  const dot = preview.getByRole('img', { name: 'a dot' });
  await expect(dot).toHaveAttribute('src', /^blob:/);
  await expect
    .poll(() => dot.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth))
    .toBe(1);
  await expect(preview.getByRole('img', { name: 'from the web' })).not.toHaveAttribute('src', /./);
  await expect(preview.getByRole('status')).toHaveText(/Remote images blocked/);
  await shotInBothSchemes(page, 'markdown-preview-1-beside-the-editor');

  // Typing reaches the preview once the typing pauses.
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Fresh words. ');
  await expect(preview.getByRole('paragraph').first()).toHaveText('Fresh words. # Today');
  for (const _ of 'Fresh words. ') await page.keyboard.press('Backspace');
  await expect(preview.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();

  // Scrolled in step: the editor leads, then the preview does.
  await lines.hover();
  for (let step = 0; step < 10; step++) await page.mouse.wheel(0, 250);
  await expect.poll(() => body.evaluate((element) => element.scrollTop)).toBeGreaterThan(200);
  const paragraphAtTop = () =>
    body.evaluate((element) => {
      const top = element.getBoundingClientRect().top;
      const seen = [...element.querySelectorAll('p')].find((p) => p.getBoundingClientRect().bottom > top + 1);
      return Number(/Paragraph (\d+)/.exec(seen?.textContent ?? '')?.[1] ?? 0);
    });
  const editorLineAtTop = async () => {
    const text = (await lines.locator('.view-line').allTextContents()).join('\n');
    // Monaco writes spaces as no-break spaces.
    return Math.min(...[...text.matchAll(/Paragraph\s(\d+)/g)].map((match) => Number(match[1])));
  };
  await expect
    .poll(async () => Math.abs((await paragraphAtTop()) - (await editorLineAtTop())))
    .toBeLessThan(4);
  await body.evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(lines).toContainText('# Today');
  await body.evaluate((element) => {
    element.scrollTop = element.scrollHeight / 2;
  });
  await expect
    .poll(async () => Math.abs((await paragraphAtTop()) - (await editorLineAtTop())))
    .toBeLessThan(4);
  await shotInBothSchemes(page, 'markdown-preview-2-scrolled-in-step');
  await body.evaluate((element) => {
    element.scrollTop = 0;
  });

  // A relative link opens the Dropbox file in Opus, the way the Open dialog does.
  await preview.getByRole('link', { name: 'link to the notes' }).click();
  const tabs = page.getByRole('tablist', { name: 'Open documents' });
  await expect(tabs.getByRole('tab', { name: 'a.md', selected: true })).toBeVisible();
  await expect(lines).toContainText('# Notes A');
  await expect(preview).toBeHidden();

  // Any file, from the palette; and the chord where the editor has no focus.
  await togglePreviewFromPalette(page);
  const other = page.getByRole('complementary', { name: 'Preview of a.md' });
  await expect(other.getByRole('heading', { name: 'Notes A' })).toBeVisible();
  await other.locator('.markdown-preview-body').focus();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('v');
  await expect(other).toBeHidden();
  // Each tab keeps its own: today.md's preview is still open.
  await tabs.getByRole('tab', { name: 'today.md' }).click();
  await expect(preview.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  expect(remote).toEqual([]);

  // Allowed for this document, the web's image is asked for (and only it); the bar goes.
  await preview.getByRole('button', { name: 'Allow for this document' }).click();
  await expect(preview.getByRole('img', { name: 'from the web' })).toHaveAttribute(
    'src',
    'https://example.com/cat.png',
  );
  await expect.poll(() => remote).toEqual(['https://example.com/cat.png']);
  await expect(preview.getByRole('status')).toHaveCount(0);
});

test('a hostile document runs no script, loads nothing remote and shows its text harmlessly', async ({
  page,
  context,
}) => {
  const opus = await session.start({ '/hostile.md': HOSTILE_MARKDOWN });
  const remote = remoteRequests(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Whatever the sanitizer let through, the CSP would have had to stop: it must have had nothing to stop.
  await page.addInitScript(`
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
  `);
  await signInAndOpen(page, context, opus.url, '/hostile.md');
  const address = page.url();
  await togglePreviewFromPalette(page);
  const preview = page.getByRole('complementary', { name: 'Preview of hostile.md' });
  await expect(preview.getByRole('heading', { name: 'Hostile corpus, shown harmlessly' })).toBeVisible();
  await expect(preview).toContainText('End of the hostile corpus.');
  await expect(preview).toContainText('styled text');
  await preview.getByText('Hover over me').hover();
  await preview.getByText('Hover over me').click();
  // markdown-it leaves a javascript: link as text; the HTML ones lose their href.
  await preview.getByText('markdown javascript link').click();
  await preview.getByText('html javascript link').click();
  await preview.getByRole('link', { name: 'a web link' }).click();
  await expect(preview.getByRole('status')).toHaveText(/Remote images blocked/);
  await shotInBothSchemes(page, 'markdown-preview-3-hostile-corpus');
  await page.waitForTimeout(1000);

  const dangerous = await preview.evaluate((root) =>
    [
      ...root.querySelectorAll(
        'script, iframe, object, embed, form, meta, base, link, style, svg, math, video, [style]:not([style=""]), [srcset],' +
          ' [onerror], [onload], [onclick], [onmouseover], [ontoggle], [ping], a[href^="javascript" i], img[src^="http"]',
      ),
    ].map((element) => element.outerHTML),
  );
  expect(dangerous).toEqual([]);
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
  // DOMPurify parses in an inert document, which keeps the page's CSP: the <base> it then removes is
  // reported there (the check above proves none reached the page). Nothing else may be.
  const violations = (await page.evaluate('window.cspViolations')) as string[];
  expect(violations.filter((violation) => !violation.startsWith('base-uri'))).toEqual([]);
  // `id="location"` was prefixed: no element shadows document.location.
  expect(await page.evaluate("document.getElementById('location')")).toBeNull();
  expect(dialogs).toEqual([]);
  expect(remote).toEqual([]);
  expect(page.url()).toBe(address);
});
