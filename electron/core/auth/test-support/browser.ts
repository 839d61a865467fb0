import { readCodeFromPage, readConsentForm, submitConsent } from '../../../../localbox/test-support/oauth.ts';

/**
 * A person in a browser, played with fetch: opens the authorize URL, reads the consent form, clicks
 * Allow or Deny, and sees where the browser is sent next. Redirects are never followed by fetch itself,
 * so each test decides what the browser does with them.
 */
export async function chooseOnConsentPage(authorizeUrl: string, choice: 'allow' | 'deny'): Promise<Response> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the authorize page answered ${page.status}:\n${html}`);
  return submitConsent(readConsentForm(html, authorizeUrl), choice);
}

/** Where localbox sends the browser after the choice: the loopback redirect with code or error. */
export async function redirectAfter(authorizeUrl: string, choice: 'allow' | 'deny'): Promise<string> {
  const answer = await chooseOnConsentPage(authorizeUrl, choice);
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location)
    throw new Error(`expected a redirect, got ${answer.status}: ${await answer.text()}`);
  return location;
}

/** The no-redirect flow: the code localbox shows on its page after Allow. */
export async function codeShownAfterAllow(authorizeUrl: string): Promise<string> {
  const answer = await chooseOnConsentPage(authorizeUrl, 'allow');
  const html = await answer.text();
  if (answer.status !== 200) throw new Error(`expected the code page, got ${answer.status}:\n${html}`);
  return readCodeFromPage(html);
}

export interface Landing {
  status: number;
  html: string;
  headers: Headers;
}

/** The browser arriving at a URL (the loopback listener), as the person would see it. */
export async function land(url: string): Promise<Landing> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** The same URL with one query parameter changed (or removed, with `undefined`). */
export function withParam(url: string, name: string, value: string | undefined): string {
  const changed = new URL(url);
  if (value === undefined) changed.searchParams.delete(name);
  else changed.searchParams.set(name, value);
  return changed.href;
}
