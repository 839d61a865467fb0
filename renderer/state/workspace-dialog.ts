import type { Conflict, Encoding } from '../opus.ts';
import type { ConflictSides, ConflictView } from './conflict-sides.ts';
import type { LocalFile } from './local-file.ts';

/** The one modal the workspace shows at a time (the guard rail's question is the save state's own). */
export type WorkspaceDialog =
  /** `folder`: where to start browsing (a folder a link named); else the active tab's. */
  | { kind: 'open'; folder?: string }
  /** `closing`: the close question's Save, for a document with no file yet: the tab closes once saved. */
  | { kind: 'saveAs'; documentId: string; closing?: Closing }
  /** `encoding`: the Save As it answers was writing in another encoding (Save as UTF-8). */
  | { kind: 'replace'; documentId: string; path: string; closing?: Closing; encoding?: Encoding }
  | { kind: 'conflict'; sides: ConflictSides; view: ConflictView; attempt: number }
  /** `closing`: what is closing — this tab, or all tabs / the window (then each unsaved tab in turn). */
  | { kind: 'closeTab'; documentId: string; closing: Closing }
  | { kind: 'palette' }
  | { kind: 'quickOpen' }
  | { kind: 'findInDropbox' }
  | { kind: 'history'; documentId: string }
  | { kind: 'conflictedCopy'; documentId: string }
  /** `chosen`: the local file already picked (one the OS asked Opus to open, outside Dropbox). */
  | { kind: 'upload'; chosen?: LocalFile }
  | { kind: 'account' }
  | { kind: 'settings' }
  /** The encodings to choose from: to read the file again in (`reopen`), or to write it in (`save`). */
  | { kind: 'encoding'; documentId: string; purpose: 'reopen' | 'save' }
  /** Sign out with nothing unsaved: still asked, since every open tab closes. */
  | { kind: 'signOut' };

/** What is closing: this tab, every tab, the window, or every tab because the account signs out. */
export type Closing = 'tab' | 'all' | 'window' | 'signOut';

/** A line under the tabs: what went wrong (or what Opus did by itself), until dismissed. */
export interface Notice {
  tone: 'error' | 'info';
  message: string;
  /** A button beside the words: what the user can do about it (Undo). */
  action?: { label: string; run(): void };
  /** The documents the words speak of: the notice lives as long as that is true (notice-facts.ts). */
  about?: NoticeFacts;
}

export interface NoticeFacts {
  documentIds: readonly string[];
  /** The notice for those of them still as said; null when none is. */
  narrowed(still: readonly string[]): Notice | null;
}

export const sidesOf = (conflict: Conflict, path: string): ConflictSides => ({
  documentId: conflict.documentId,
  path,
  baseRev: conflict.baseRev,
  remote: conflict.remote,
  remoteText: conflict.remoteText,
  myChanges: conflict.myChanges,
});
