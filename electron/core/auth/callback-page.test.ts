import { expect, test } from 'vitest';
import { deniedPage, failedPage, signedInPage } from './callback-page.ts';

/** What a person reads: the page's text without its markup. */
const words = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

test('after signing in to localbox, the page says what localbox is and that the tab can be closed', () => {
  expect(words(signedInPage('localbox'))).toBe(
    'Opus is connecting to localbox ' +
      'localbox is the Dropbox stand-in on this computer: your files stay here. ' +
      'You can close this tab and return to Opus.',
  );
});

test('after signing in to Dropbox, the page names Dropbox and says the tab can be closed', () => {
  expect(words(signedInPage('dropbox'))).toBe(
    'Opus is connecting to your Dropbox You can close this tab and return to Opus.',
  );
});

test('a refusal or a failure names the provider the browser talked to', () => {
  expect(words(deniedPage('localbox'))).toContain('You chose not to give Opus access to localbox.');
  expect(words(deniedPage('dropbox'))).toContain('You chose not to give Opus access to your Dropbox.');
  expect(words(failedPage('localbox'))).toContain('localbox could not complete the sign-in.');
  expect(words(failedPage('dropbox'))).toContain('Dropbox could not complete the sign-in.');
});

test('the title names the page for the browser tab', () => {
  expect(signedInPage('localbox')).toContain('<title>Opus is connecting to localbox — Opus</title>');
});
