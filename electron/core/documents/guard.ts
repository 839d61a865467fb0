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

export function checkSave(baseText: string, text: string): GuardVerdict {
  if (baseText.trim() === '') return { ok: true };
  if (text.trim() === '') return { ok: false, reason: 'empty', removedRatio: 1 };
  if (baseText.length < SMALL_FILE_CHARS) return { ok: true };
  const removedRatio = 1 - text.length / baseText.length;
  return removedRatio >= MOST_REMOVED ? { ok: false, reason: 'most_removed', removedRatio } : { ok: true };
}
