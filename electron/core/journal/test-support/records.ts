import type { Text } from '@codemirror/state';
import type { TextEdit } from '../../../common/contract/shapes.ts';
import { textOf } from '../../text/text-edits.ts';
import type { JournalEntry, JournalHeader } from '../journal-entry.ts';

export { textOf } from '../../text/text-edits.ts';

export const SAVED_AT = new Date(Date.UTC(2026, 10, 27, 12, 0, 0));

/** A clock stopped at `SAVED_AT`, so restored entries compare equal. */
export const now = () => SAVED_AT;

export const header = (documentId: string, extra: Partial<JournalHeader> = {}): JournalHeader => ({
  documentId,
  path: `/Notes/${documentId}.txt`,
  baseRev: '015f1e7c1a2b3c4d5e6f0',
  baseContentHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: true },
  ...extra,
});

export const entry = (documentId: string, text: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  ...header(documentId),
  text,
  savedAt: SAVED_AT.toISOString(),
  ...extra,
});

/** `text` after one edit, and the edit: what the editor sends for a keystroke. */
export function edit(text: Text, at: number, remove: number, insert: string): [Text, TextEdit[]] {
  return [text.replace(at, at + remove, textOf(insert)), [{ at, remove, insert }]];
}
