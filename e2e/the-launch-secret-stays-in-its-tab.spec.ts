import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { downloadText } from './test-support/localbox-client.ts';
import { opusPerTest, shotInBothSchemes, signInAndOpen } from './test-support/opus-session.ts';

const FILE = '/notes.txt';
const session = opusPerTest();

/**
 * Another server on 127.0.0.1, as any local program could run: its page fetches itself (and so gets
 * whatever the browser sends to 127.0.0.1 on its own), then tosses cookies named like Opus's old one.
 */
async function otherLocalServer(): Promise<{ origin: string; seen: IncomingHttpHeaders[]; close(): void }> {
  const seen: IncomingHttpHeaders[] = [];
  const page = `<!doctype html><title>Another local page</title><script>
    fetch('/probe', { credentials: 'include' })
      .then(() => {
        document.cookie = 'opus_secret=x; path=/api';
        document.cookie = 'opus_secret=x; path=/';
        return fetch('/probe-again', { credentials: 'include' });
      })
      .then(() => { document.title = 'probed'; });
  </script>`;
  const server: Server = createServer((req, res) => {
    seen.push({ ...req.headers, 'x-url': req.url });
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(req.url === '/' ? page : 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => server.close(),
  };
}

test('another server on 127.0.0.1 never receives the secret, and its tossed cookie locks nobody out', async ({
  page,
  context,
}) => {
  const opus = await session.start({ [FILE]: 'First line.\n' });
  const secret = new URL(opus.url).searchParams.get('secret') ?? '';
  expect(secret).not.toBe('');
  await signInAndOpen(page, context, opus.url, FILE);

  const other = await otherLocalServer();
  try {
    const visitor = await context.newPage();
    await visitor.goto(other.origin);
    await expect(visitor).toHaveTitle('probed');
    await visitor.close();
    const everything = JSON.stringify(other.seen);
    const probe = other.seen.find((headers) => headers['x-url'] === '/probe');
    expect(other.seen.map((headers) => headers['x-url'])).toContain('/probe-again');
    expect(everything).not.toContain(secret);
    // Nothing of Opus's at all: no cookie reached it before the page tossed its own.
    expect(probe).toBeDefined();
    expect(probe?.cookie).toBeUndefined();
    expect(await context.cookies(opus.url)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'opus_secret', value: 'x' })]),
    );
  } finally {
    other.close();
  }

  // The tossed cookies are sent to Opus now; it reads none, so typing and saving still work.
  const lines = page.locator('.monaco-editor .view-lines');
  const state = page.getByRole('status', { name: 'Save state' });
  await lines.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Typed after the other page.');
  await page.keyboard.press('Control+S');
  await expect(state).toHaveText(/^Saved rev /);
  expect((await downloadText(opus.dropbox, FILE)).text).toBe('First line.\nTyped after the other page.');

  // A reload keeps working: the tab holds its secret (sessionStorage), the address does not.
  await page.reload();
  await expect(
    page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: /^Account: / }),
  ).toBeVisible();
  expect(page.url()).toBe(`${new URL(opus.url).origin}/`);

  // A second tab from the printed address works too; a tab opened at the bare address has no secret.
  const second = await context.newPage();
  await second.goto(opus.url);
  await expect(
    second.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: /^Account: / }),
  ).toBeVisible();
  const bare = await context.newPage();
  await bare.goto(`${new URL(opus.url).origin}/`);
  await expect(bare.getByRole('heading', { name: 'Opus is not connected' })).toBeVisible();
  await shotInBothSchemes(bare, 'secret-bare-address');
});

test('the address with the secret is gone from the tab: not in location, not in its history', async ({
  page,
}) => {
  const opus = await session.start({ [FILE]: 'x\n' });
  const secret = new URL(opus.url).searchParams.get('secret') ?? '';
  const link = new URL(opus.url);
  link.searchParams.set('open', FILE);
  await page.goto(link.href);
  await expect(
    page
      .locator('.monaco-editor .view-lines')
      .or(page.getByRole('button', { name: 'Sign in to localbox' }))
      .first(),
  ).toBeVisible();
  const address = await page.evaluate<string>('location.href');
  expect(address).not.toContain(secret);
  expect(address).not.toContain('opus-ticket');
  // The link's own parameter stays until it is opened (use-start-up.ts takes it out then).
  expect(address).toBe(`${new URL(opus.url).origin}/?open=${encodeURIComponent(FILE)}`);
  const cdp = await page.context().newCDPSession(page);
  const { entries } = (await cdp.send('Page.getNavigationHistory')) as {
    entries: { url: string; userTypedURL: string }[];
  };
  // The typed URL is what session restore and a reload of the entry would ask for.
  for (const entry of entries) {
    expect(entry.url).not.toContain(secret);
    expect(entry.userTypedURL).not.toContain(secret);
    expect(entry.url).not.toContain('opus-ticket');
  }
  // Back goes where the tab was before, never to a page that had the secret.
  await page.goBack();
  expect(page.url()).toBe('about:blank');
});
