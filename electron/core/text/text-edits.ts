import { Text } from '@codemirror/state';
import type { TextEdit } from '../contract/shapes.ts';

export const textOf = (string: string): Text => Text.of(string.split('\n'));

/**
 * `text` with `edits` applied in order, or null when one does not fit the text it applies to. Checked
 * here because `Text.replace` silently clips a range that runs past the end.
 */
export function applyEdits(text: Text, edits: readonly TextEdit[]): Text | null {
  let result = text;
  for (const { at, remove, insert } of edits) {
    if (!Number.isSafeInteger(at) || !Number.isSafeInteger(remove) || at < 0 || remove < 0) return null;
    if (at + remove > result.length) return null;
    result = result.replace(at, at + remove, textOf(insert));
  }
  return result;
}
