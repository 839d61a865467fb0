import { Text } from '@codemirror/state';

export { Text };

import type { TextEdit } from '../../common/contract/shapes.ts';

/**
 * A document's text in main is a `Text` (a balanced tree of lines): an edit costs the size of the edit
 * and the depth of the tree, never the size of the document, and an old version stays valid after a new
 * one is made, so the journal and a save in flight hold the text of their moment for free.
 */
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
    result = result.replace(at, at + remove, insert === '' ? Text.empty : textOf(insert));
  }
  return result;
}

/** Equal texts, cheaply when one was made from the other: the trees' shared parts are skipped. */
export const sameText = (a: Text, b: Text): boolean => a === b || a.eq(b);
