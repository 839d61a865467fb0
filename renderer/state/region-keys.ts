/**
 * F6 and Shift+F6 move the keyboard between the workspace's regions, as in VS Code and browsers: the
 * toolbar, the tabs, a notice or banner when one shows, the editor (or the welcome screen) and the
 * status bar. Inside the editor Tab types a tab, so without this a keyboard user could not leave it
 * (Ctrl+M, Monaco's own, makes Tab move the focus instead).
 */

/** The regions, in the order they stand on the page (querySelectorAll keeps document order). */
export const REGION_SELECTOR = [
  '.workspace > [role="toolbar"]',
  '.workspace > [role="tablist"]',
  '.workspace > .notice-bar',
  '.workspace > [role="alert"]',
  '.workspace > main',
  '.workspace > .status-bar',
].join(', ');

const FOCUSABLE =
  '[aria-selected="true"][role="tab"], textarea, .native-edit-context, input:not([disabled]), ' +
  'button:not([disabled]):not([aria-hidden="true"]), [tabindex="0"]';

/** Which region comes next: `current` is the index of the region holding the focus (-1: none). */
export function nextRegion(count: number, current: number, backwards: boolean): number {
  if (count === 0) return -1;
  if (current < 0) return backwards ? count - 1 : 0;
  return (current + (backwards ? -1 : 1) + count) % count;
}

/** Moves the focus to the next region that has something to focus; false when none has. */
export function moveToRegion(root: ParentNode, active: Element | null, backwards: boolean): boolean {
  const regions = [...root.querySelectorAll<HTMLElement>(REGION_SELECTOR)].filter(
    (region) => region.querySelector(FOCUSABLE) !== null,
  );
  const current = regions.findIndex((region) => active !== null && region.contains(active));
  const next = regions[nextRegion(regions.length, current, backwards)];
  const target = next?.querySelector<HTMLElement>(FOCUSABLE);
  if (!target) return false;
  target.focus();
  return true;
}
