import type { DocumentSnapshot, EventPayload, RemoteFile, TextFormat } from '../opus.ts';
import type { SaveState } from './save-state.ts';

export type RemoteChange = EventPayload<'remoteChanged'>;

/** A new document with no file on Dropbox yet: no path, no rev (the core's documents/untitled.ts). */
export const isUntitled = (remote: RemoteFile): boolean => remote.rev === '';

/** One tab: a document open in the editor. */
export interface OpenDocument {
  /** What the editor loaded; replaced only when the text itself is replaced (open, reload, restore). */
  snapshot: DocumentSnapshot;
  /** Dropbox's file as of the last open or save: the rev the next save is checked against. */
  remote: RemoteFile;
  dirty: boolean;
  saveState: SaveState;
  /** Dropbox's latest news about this file, until the user deals with it. */
  remoteChange: RemoteChange | null;
  /** Reopened with unsaved text recovered after Opus closed unexpectedly. */
  restored: boolean;
  /** Text kept while the helper was stopped, in a tab beside its file's tab that was open already. */
  keptBeside?: true;
  /** How the file is written now, when a save changed it from the snapshot's (Save with Encoding…). */
  format?: TextFormat;
}

/** Where Save As starts: the file itself, or for an untitled document its name as a text file at the top. */
export function saveAsPath(doc: OpenDocument | null): string {
  if (!doc) return '';
  return isUntitled(doc.remote) ? `/${doc.remote.name}.txt` : doc.remote.path;
}

/** How the tab's file is written: its encoding, BOM and line endings, as the status bar shows them. */
export const formatOf = (doc: Pick<OpenDocument, 'snapshot' | 'format'>): TextFormat =>
  doc.format ?? doc.snapshot.format;
