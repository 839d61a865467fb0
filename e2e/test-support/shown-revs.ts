import { expect, type Locator } from '@playwright/test';

/**
 * How `rev` reads in `where`, read off the screen: a rev reads by what sets it apart from the account's
 * other revs the page has seen, so a test cannot know it beforehand. Its hover title names the whole
 * rev, and what shows is a part of it.
 */
export async function shownRev(where: Locator, rev: string): Promise<string> {
  const label = where.locator(`code[title="Rev ${rev}"]`).first();
  await expect(label).toBeVisible();
  const short = (await label.textContent()) ?? '';
  expect(rev).toContain(short);
  expect(short.length).toBeGreaterThanOrEqual(7);
  return short;
}
