import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  type ConsentForm,
  openAuthorizePage,
  readConsentForm,
  submitConsent,
} from '../test-support/oauth.ts';

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox();
});
afterAll(() => lb.stop());

/** How many unanswered sign-in pages localbox keeps (auth/oauth-flow.ts), so a reload loop cannot grow memory. */
const KEPT = 1000;

/** A sign-in page in the no-redirect flow, as an app that reloads it would open it. */
async function openPage(): Promise<{ url: string; html: string }> {
  const query = new URLSearchParams({ client_id: lb.box.appKey, response_type: 'code' });
  const url = `${lb.box.url}/oauth2/authorize?${query}`;
  const page = await openAuthorizePage(url);
  expect(page.status).toBe(200);
  return { url, html: await page.text() };
}

const formOf = ({ url, html }: { url: string; html: string }): ConsentForm => readConsentForm(html, url);

test('past a thousand unanswered sign-in pages, only the oldest one expires', async () => {
  const oldest = formOf(await openPage());
  const secondOldest = formOf(await openPage());
  await Promise.all(Array.from({ length: KEPT - 2 }, () => openPage()));
  const newest = formOf(await openPage());

  const late = await submitConsent(oldest, 'allow');
  expect(late.status).toBe(400);
  expect(await late.text()).toContain('This sign-in page has expired');
  for (const form of [secondOldest, newest]) {
    const answered = await submitConsent(form, 'allow');
    expect(answered.status).toBe(200);
    expect(await answered.text()).toMatch(/<input[^>]*id="code"/);
  }
});
