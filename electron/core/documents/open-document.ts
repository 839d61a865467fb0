import type { RemoteFile } from '../dropbox/remote-file.ts';
import { sameText, Text, textOf } from '../text/text-edits.ts';
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
 * A text as main holds it: the string it was decoded to until an edit needs a tree (building one costs
 * ~150 ms for 20 MiB, which an open that is never edited should not pay), then a `Text`.
 */
export type HeldText = Text | string;

/** What the editor showed before a silent reload replaced it; typing based on it may still arrive. */
export interface ReplacedText {
  remote: RemoteFile;
  format: TextFormat;
  base: HeldText;
  text: HeldText;
  version: number | null;
}

/**
 * A save made while Dropbox could not be reached, sent when it answers again against the very rev that
 * save was checked against: for a Keep mine, the rev the user compared with (null: a file deleted on
 * Dropbox, added anew). So a choice made offline is not asked again, and nothing newer is overwritten.
 */
export interface PendingUpload {
  text: HeldText;
  againstRev: string | null;
}

/**
 * An open document, as main keeps it: the exact base text and the file it came from, so every save is
 * checked against the rev the user actually saw, and main's own copy of what the editor shows, kept up
 * to date edit by edit, which is what the journal keeps and what a save uploads.
 *
 * Its fields change only through the transitions in document-state.ts.
 */
export interface OpenDocument {
  readonly id: string;
  remote: RemoteFile;
  format: TextFormat;
  /** What Dropbox has at `remote.rev`. */
  base: HeldText;
  /** What the editor shows: the very same value as `base` while nothing is typed. */
  text: HeldText;
  /** The editor's version of `text`; null when main set the text and no edit came since. */
  version: number | null;
  conflict: ConflictState | null;
  /** Saved while offline: waits and is sent, still revision-checked, when back online. */
  pending: PendingUpload | null;
  /** Earlier revs of the same content as `base` (a rename, a rev-only move): the editor may still name one. */
  baseRevs: Set<string>;
  /** The text a silent reload replaced, until the editor's next word says which one it was typing on. */
  replaced: ReplacedText | null;
  /** Restored from the journal and not yet handed to a window: the first one to ask takes it. */
  unclaimed: boolean;
  /** Saves and edits of one document run one after another. */
  queue: Promise<unknown>;
}

export const treeOf = (text: HeldText): Text => (typeof text === 'string' ? textOf(text) : text);
export const stringOf = (text: HeldText): string => (typeof text === 'string' ? text : text.toString());

/** Whether two held texts are equal: a reference check first, the trees' shared parts skipped after. */
export function sameHeld(a: HeldText, b: HeldText): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  if (typeof a === 'string' && typeof b === 'string') return false;
  return sameText(treeOf(a), treeOf(b));
}

/** The document's base as a tree, built once and shared with `text` while that is still the base. */
export function baseTree(doc: OpenDocument): Text {
  if (typeof doc.base !== 'string') return doc.base;
  const tree = textOf(doc.base);
  if (doc.text === doc.base) doc.text = tree;
  doc.base = tree;
  return tree;
}

export function textTree(doc: OpenDocument): Text {
  if (doc.text === doc.base) return baseTree(doc);
  if (typeof doc.text === 'string') doc.text = textOf(doc.text);
  return doc.text;
}

/**
 * The rev a waiting save is sent against now: its own, or the rev its content moved to meanwhile (a
 * rename, a rev-only move: `baseRevs`), which changed nothing there is to check for.
 */
export function pendingAgainst(doc: OpenDocument, pending: PendingUpload): string | null {
  const rev = pending.againstRev;
  return rev !== null && doc.baseRevs.has(rev) ? doc.remote.rev : rev;
}

export const isDirty = (doc: OpenDocument): boolean => !sameHeld(doc.text, doc.base);

/** Runs `work` after every earlier save or edit of the same document has finished. */
export function serialized<T>(doc: OpenDocument, work: () => Promise<T>): Promise<T> {
  const run = doc.queue.then(work, work);
  doc.queue = run.catch(() => undefined);
  return run;
}

export { Text };
