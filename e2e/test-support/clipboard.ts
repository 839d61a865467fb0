import type { Page } from '@playwright/test';

// Evaluated in the page, as text: the tests are type-checked without the DOM's types.

/** What the page's clipboard holds (the context needs the 'clipboard-read' permission). */
export const readClipboard = async (page: Page): Promise<string> =>
  String(await page.evaluate('navigator.clipboard.readText()'));

/** Empties the clipboard, so a copy after it is seen to land. */
export const clearClipboard = async (page: Page): Promise<void> => {
  await page.evaluate("navigator.clipboard.writeText('')");
};
