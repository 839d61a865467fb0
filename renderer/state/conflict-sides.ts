import type { CommandResponse, RemoteFile } from '../opus.ts';

/** What the core answers when a conflict is resolved. */
export type Resolution = CommandResponse<'resolveConflict'>;

/** Both sides of a conflict as the dialog names them. */
export interface ConflictSides {
  documentId: string;
  path: string;
  /** The rev the user's text is based on. */
  baseRev: string;
  /** Dropbox's version now; null when it was deleted. */
  remote: RemoteFile | null;
  remoteText: string | null;
  /** Changed hunks in the user's text (unknown when opened from the banner). */
  myChanges: number | null;
}

/** What the conflict dialog shows first: the choices, the two versions side by side, or the merge. */
export type ConflictView = 'choose' | 'compare' | 'merge';
