import type { EventName, EventPayload } from '../../common/contract/events.ts';
import type { DocumentSnapshot, TextEdit } from '../../common/contract/shapes.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import { OpusError } from '../errors.ts';
import type { JournalHeader } from '../journal/journal-entry.ts';
import type { Text } from '../text/text-edits.ts';
import { type OpenDocument, stringOf } from './open-document.ts';
import { isUntitled } from './untitled.ts';

export type Emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/** What the documents service needs of the journal (crash recovery of unsaved text). */
export interface JournalPort {
  /**
   * The document's unsaved text is now `text`, reached by `edits` from the text recorded last (null: not
   * by edits, so the whole text). Resolves once written, so a crash of the process can no longer lose it.
   */
  record(header: JournalHeader, text: Text, edits: readonly TextEdit[] | null): Promise<void>;
  clear(documentId: string): Promise<void>;
}

/** Where "Take theirs" keeps the user's own text, so choosing theirs never destroys anything. */
export interface LocalHistoryPort {
  keep(path: string, text: string, when: Date): Promise<void>;
}

export interface DocumentsContext {
  gateway: Gateway;
  journal: JournalPort;
  history: LocalHistoryPort;
  emit: Emit;
  /** The account's display name, for Dropbox-style conflicted copy names. */
  accountName(): string;
  now(): Date;
  docs: Map<string, OpenDocument>;
}

export function documentOf(context: DocumentsContext, documentId: string): OpenDocument {
  const doc = context.docs.get(documentId);
  if (!doc) throw new OpusError('not_found', 'That document is no longer open.');
  return doc;
}

export function snapshotOf(doc: OpenDocument): DocumentSnapshot {
  return {
    documentId: doc.id,
    remote: { ...doc.remote },
    text: stringOf(doc.base),
    format: { ...doc.format },
  };
}

/**
 * What the journal keeps beside the text: where it belongs and which rev it was based on. An untitled
 * document (untitled.ts) has neither: path '' and no base rev.
 */
export const journalHeader = (doc: OpenDocument): JournalHeader => ({
  documentId: doc.id,
  path: doc.remote.path,
  baseRev: isUntitled(doc.remote) ? null : doc.remote.rev,
  baseContentHash: isUntitled(doc.remote) ? null : doc.remote.contentHash,
  format: doc.format,
});
