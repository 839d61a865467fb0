/** What can take the keyboard's focus inside a dialog, in Tab order (positive tabindex is not used here). */
export const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/**
 * Where Tab goes when it would leave the dialog: from the last control round to the first, and with
 * Shift from the first round to the last; null lets the browser move inside the dialog as usual. A
 * native modal <dialog> makes the page behind inert, but Chromium lets Tab out to its own toolbar.
 */
export function wrapTarget(count: number, current: number, backwards: boolean): number | null {
  if (count === 0) return null;
  if (current < 0) return backwards ? count - 1 : 0;
  if (!backwards && current === count - 1) return 0;
  if (backwards && current === 0) return count - 1;
  return null;
}
