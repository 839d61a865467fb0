import { applyEdits, textOf } from '../text/text-edits.ts';
import { headerOf, type JournalEntry } from './journal-entry.ts';
import { parseRecord } from './journal-record.ts';

/**
 * The snapshot's entry with its log's records applied in order. Replay stops, keeping what came
 * before, at the first record that cannot be trusted: torn (no final "\n": a crash mid-append), a
 * checksum that differs, edits that do not fit the text, or a length that differs from the one recorded.
 * Records after it are dropped with it: they were made on a text this replay never reached.
 */
export function replay(snapshot: JournalEntry, log: string): JournalEntry {
  let text = textOf(snapshot.text);
  let header = headerOf(snapshot);
  let savedAt = snapshot.savedAt;
  const lines = log.split('\n');
  // What follows the last "\n": empty, or a record torn by a crash.
  lines.pop();
  for (const line of lines) {
    const record = parseRecord(line);
    if (!record || (record.header && record.header.documentId !== header.documentId)) break;
    const next = applyEdits(text, record.edits);
    if (!next || next.length !== record.length) break;
    text = next;
    header = record.header ?? header;
    savedAt = new Date(record.savedAt).toISOString();
  }
  return { ...header, text: text.toString(), savedAt };
}
