import type { RemoteFile } from '../dropbox/remote-file.ts';
import type { TextFormat } from './codec.ts';

/** Dropbox's side of a conflict, kept until the user resolves it. */
export interface ConflictState {
  /** What Dropbox has now; null when the file was deleted meanwhile. */
  remote: RemoteFile | null;
  remoteText: string | null;
  /** Dropbox kept the refused bytes: a conflicted copy can be committed without uploading them again. */
  keptUpload?: { sessionId: string; size: number; contentHash: string } | undefined;
}

/**
 * An open document, as main keeps it: the exact base text and the file it came from, so every save is
 * checked against the rev the user actually saw, and a conflict can be merged three ways.
 */
export interface OpenDocument {
  id: string;
  remote: RemoteFile;
  baseText: string;
  format: TextFormat;
  /** The latest text the renderer reported (noteEdit / save), null when it equals the base. */
  editedText: string | null;
  conflict: ConflictState | null;
  /** Saved while offline: the text waits here and is sent, still revision-checked, when back online. */
  pendingText: string | null;
  /** Saves of one document run one after another. */
  queue: Promise<unknown>;
  /**
   * The base a silent reload replaced. Typing that began just before the reload reaches main after it,
   * still based on this: noteEdit then puts this base back, so the next save meets the conflict.
   */
  replacedBase?: { remote: RemoteFile; text: string; format: TextFormat } | null;
}

export const isDirty = (doc: OpenDocument): boolean =>
  doc.editedText !== null && doc.editedText !== doc.baseText;

/** Runs `work` after every earlier save of the same document has finished. */
export function serialized<T>(doc: OpenDocument, work: () => Promise<T>): Promise<T> {
  const run = doc.queue.then(work, work);
  doc.queue = run.catch(() => undefined);
  return run;
}
