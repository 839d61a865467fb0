import type { HeldText } from './open-document.ts';

/**
 * Guard rails before a save replaces a file: an empty buffer over a non-empty file, or one that drops
 * most of it, is far more often an accident (a bad paste, a select-all-delete) than an intent.
 */
export type GuardVerdict =
  | { ok: true }
  | { ok: false; reason: 'empty' | 'most_removed'; removedRatio: number };

/** Below this size a shrink is normal editing, not a warning sign. */
const SMALL_FILE_CHARS = 200;
const MOST_REMOVED = 0.6;

/** Nothing but white space; a tree is read a line at a time and stops at the first other character. */
function blank(text: HeldText): boolean {
  if (typeof text === 'string') return !/\S/.test(text);
  for (const lines = text.iter(); !lines.next().done; ) if (/\S/.test(lines.value)) return false;
  return true;
}

/** Asked of main's own copies of the texts, so a save never makes a string of them just to judge. */
export function checkSave(baseText: HeldText, text: HeldText): GuardVerdict {
  if (blank(baseText)) return { ok: true };
  if (blank(text)) return { ok: false, reason: 'empty', removedRatio: 1 };
  if (baseText.length < SMALL_FILE_CHARS) return { ok: true };
  const removedRatio = 1 - text.length / baseText.length;
  return removedRatio >= MOST_REMOVED ? { ok: false, reason: 'most_removed', removedRatio } : { ok: true };
}
