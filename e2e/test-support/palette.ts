import { expect, type Page } from '@playwright/test';

/** Runs a command from the palette, by its label, as every menu command can be. */
export async function fromPalette(page: Page, label: string) {
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type(label);
  await expect(palette.getByRole('option').first()).toHaveText(new RegExp(`^${label}`));
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}
