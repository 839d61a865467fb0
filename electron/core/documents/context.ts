import type { EventName, EventPayload } from '../contract/events.ts';
import type { DocumentSnapshot } from '../contract/shapes.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import { OpusError } from '../errors.ts';
import type { JournalEntry } from '../journal/journal-entry.ts';
import type { OpenDocument } from './open-document.ts';

export type Emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/** What the documents service needs of the journal (crash recovery of unsaved text). */
export interface JournalPort {
  schedule(entry: JournalEntry): void;
  /** Durable when it resolves: what noteEdit answers after (the window already waited for a pause). */
  writeNow(entry: JournalEntry): Promise<void>;
  clear(documentId: string): Promise<void> | void;
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
  return { documentId: doc.id, remote: { ...doc.remote }, text: doc.baseText, format: { ...doc.format } };
}

function entryFor(context: DocumentsContext, doc: OpenDocument, text: string): JournalEntry {
  return {
    documentId: doc.id,
    path: doc.remote.path,
    baseRev: doc.remote.rev,
    baseContentHash: doc.remote.contentHash,
    format: doc.format,
    text,
    savedAt: context.now().toISOString(),
  };
}

/** Journals the text after the debounce: for text the core itself moves (saves, pending uploads). */
export function journalText(context: DocumentsContext, doc: OpenDocument, text: string): void {
  context.journal.schedule(entryFor(context, doc, text));
}

/** Journals the text now: the window sends it once typing pauses, so a second wait would only add risk. */
export function journalTextNow(context: DocumentsContext, doc: OpenDocument, text: string): Promise<void> {
  return context.journal.writeNow(entryFor(context, doc, text));
}
