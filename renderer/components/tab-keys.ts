/** What a key pressed on a tab does: show another tab, close this one, or nothing. */
export type TabKeyAction = { kind: 'activate'; documentId: string } | { kind: 'close' } | null;

const STEPS: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };

/**
 * The ARIA tabs pattern: the arrows move to the next or previous tab, round from the last to the first,
 * Home and End to either end; Delete closes the focused tab.
 */
export function tabKeyAction(ids: readonly string[], documentId: string, key: string): TabKeyAction {
  const index = ids.indexOf(documentId);
  const step = STEPS[key];
  let next: string | undefined;
  if (step) next = ids[(index + step + ids.length) % ids.length];
  else if (key === 'Home') next = ids[0];
  else if (key === 'End') next = ids[ids.length - 1];
  else if (key === 'Delete') return { kind: 'close' };
  return next ? { kind: 'activate', documentId: next } : null;
}
