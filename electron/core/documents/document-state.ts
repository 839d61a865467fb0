import type { DocumentPhase, TextEdit } from '../../common/contract/shapes.ts';
import type { RemoteFile } from '../dropbox/remote-file.ts';
import { OpusError } from '../errors.ts';
import { applyEdits } from '../text/text-edits.ts';
import type { TextFormat } from './codec.ts';
import { type DocumentsContext, journalHeader } from './context.ts';
import {
  type ConflictState,
  type HeldText,
  isDirty,
  type OpenDocument,
  sameHeld,
  textTree,
} from './open-document.ts';

/**
 * The one place an open document's state changes. Its phases:
 *
 *   new ──(no request)──▶ clean on '' with no file (untitled.ts) ──edit──▶ dirty
 *   untitled dirty ──save as──▶ clean on the file it became (`saved`; plain save refuses it)
 *   clean ──edit──▶ dirty ──edit back to the base──▶ clean
 *   dirty ──save──▶ clean (saved) | conflict (Dropbox moved) | pending_upload (offline)
 *   pending_upload ──back online: sent against the rev it waited on──▶ clean | conflict
 *   conflict ──keep mine / merge──▶ clean | pending_upload (offline: the choice waits, against their rev)
 *   conflict ──take theirs / save a copy──▶ clean on Dropbox's text (or on the base, theirs being gone)
 *   clean ──Dropbox moved──▶ clean on the new text (a silent reload; `replaced` keeps the old one a while)
 *   any ──a rev-only move──▶ the same phase on the new rev
 *
 * Every transition announces the result in one `documentStateChanged` event when what a window shows
 * (phase, dirty, rev) changed, and keeps the journal in step: unsaved text recorded, clean text cleared.
 */
export function phaseOf(doc: OpenDocument): DocumentPhase {
  if (doc.conflict) return 'conflict';
  if (doc.pending !== null) return 'pending_upload';
  return isDirty(doc) ? 'dirty' : 'clean';
}

const announced = new WeakMap<OpenDocument, string>();

function announce(context: DocumentsContext, doc: OpenDocument): void {
  const phase = phaseOf(doc);
  const dirty = isDirty(doc);
  // The version too: a window that typed on meanwhile ignores news about an older one, and needs the next.
  const theirs = doc.conflict ? doc.conflict.remote : undefined;
  const key = `${phase} ${dirty} ${doc.remote.rev} ${doc.remote.path} ${doc.version} ${theirs?.rev}`;
  if (announced.get(doc) === key) return;
  announced.set(doc, key);
  context.emit('documentStateChanged', {
    documentId: doc.id,
    phase,
    dirty,
    version: doc.version,
    remote: { ...doc.remote },
    ...(theirs === undefined ? {} : { theirs: theirs && { ...theirs } }),
  });
}

/**
 * Keeps the journal in step with the text: unsaved text is recorded, text equal to Dropbox's cleared.
 * `edits`: how the text may have come from the one recorded last (null: main set it, or only the rev or
 * path moved). The journal trusts them only when they lead there (journal.ts), so they are a hint.
 */
function journal(context: DocumentsContext, doc: OpenDocument, edits: readonly TextEdit[] | null) {
  if (!isDirty(doc) && doc.pending === null) return context.journal.clear(doc.id);
  return context.journal.record(journalHeader(doc), textTree(doc), edits);
}

/** A document was opened (or restored): windows hear where it stands, as after every transition. */
export function opened(context: DocumentsContext, doc: OpenDocument): void {
  announce(context, doc);
}

export type EditorChange =
  | { kind: 'edits'; from: number; edits: readonly TextEdit[] }
  | { kind: 'text'; text: string };

/**
 * The editor's edits. Answers false when they cannot be applied to what main holds (a version main
 * never had): the editor then sends its whole text. Resolves once the journal holds the result.
 */
export async function edited(
  context: DocumentsContext,
  doc: OpenDocument,
  baseRev: string,
  version: number,
  change: EditorChange,
): Promise<boolean> {
  const replaced = doc.replaced;
  // A silent reload overtook the typing: the edits belong to the text it replaced, which comes back, so
  // nothing typed is taken for an edit of Dropbox's new text, and the next save meets the conflict.
  if (
    replaced &&
    baseRev === replaced.remote.rev &&
    // Stryker disable next-line ConditionalExpression: a reload only replaces an older rev, never seen again
    baseRev !== doc.remote.rev
  ) {
    doc.remote = replaced.remote;
    doc.format = replaced.format;
    doc.base = replaced.base;
    doc.text = replaced.text;
    doc.version = replaced.version;
    doc.baseRevs = new Set();
  }
  doc.replaced = null;
  if (change.kind === 'text') {
    doc.text = change.text;
    // Stryker disable next-line ConditionalExpression: never sharing only holds the same text twice; always sharing loses typing (every edit journey)
    if (sameHeld(doc.text, doc.base)) doc.text = doc.base;
    doc.version = version;
    await journal(context, doc, null);
    announce(context, doc);
    return true;
  }
  if (doc.version !== null && doc.version !== change.from) return false;
  // An edit that does not fit means main and the editor no longer agree: the editor sends its whole text.
  const next = applyEdits(textTree(doc), change.edits);
  if (next === null) return false;
  doc.text = next;
  doc.version = version;
  await journal(context, doc, change.edits);
  announce(context, doc);
  return true;
}

/**
 * The editor shows main's text as of `version`: every edit up to it has been applied. Main set the text
 * itself when no edit came since (version null), and the editor then shows exactly that.
 */
export function requireVersion(doc: OpenDocument, version: number): void {
  if (doc.version === null || doc.version === version) return;
  throw new OpusError(
    'invalid_request',
    `Opus lost track of the edits to ${doc.remote.name} (version ${version}, expected ${doc.version}). Your text is still in the editor: save again.`,
  );
}

/** `text` is now what Dropbox has at `remote`, written in `format` (a save landed): it becomes the base. */
export function saved(
  context: DocumentsContext,
  doc: OpenDocument,
  remote: RemoteFile,
  text: HeldText,
  format: TextFormat = doc.format,
): void {
  doc.remote = remote;
  // Saved in another encoding (Save with Encoding…, Save as UTF-8): the file is written so from now on.
  doc.format = format;
  doc.base = text;
  doc.baseRevs = new Set();
  doc.conflict = null;
  doc.pending = null;
  doc.replaced = null;
  // Typed on while the save was on its way: still unsaved, now on top of the rev just saved.
  // Stryker disable next-line ConditionalExpression: never sharing only holds the same text twice; always sharing loses typing (save journeys)
  if (sameHeld(doc.text, text)) doc.text = text;
  void journal(context, doc, null).catch(() => undefined);
  announce(context, doc);
}

/** Dropbox has the same content under a new rev (a rename, a restore of the same bytes): follow it. */
export function sameContentMoved(context: DocumentsContext, doc: OpenDocument, remote: RemoteFile): void {
  doc.baseRevs.add(doc.remote.rev);
  doc.remote = remote;
  void journal(context, doc, null).catch(() => undefined);
  announce(context, doc);
}

/** The file moved on Dropbox with other content too: the path follows, the rev stays the one we saw. */
export function pathMoved(context: DocumentsContext, doc: OpenDocument, remote: RemoteFile): void {
  doc.remote = { ...doc.remote, path: remote.path, pathLower: remote.pathLower, name: remote.name };
  void journal(context, doc, null).catch(() => undefined);
  announce(context, doc);
}

/**
 * Main replaces the editor's text with Dropbox's (a silent reload, Take theirs, a restored revision):
 * the editor takes the snapshot, and its next edits start from it.
 */
export function replaced(
  context: DocumentsContext,
  doc: OpenDocument,
  remote: RemoteFile,
  text: HeldText,
  format: TextFormat,
  { keepReplaced = false } = {},
): void {
  doc.replaced = keepReplaced
    ? { remote: doc.remote, format: doc.format, base: doc.base, text: doc.text, version: doc.version }
    : null;
  doc.remote = remote;
  doc.format = format;
  doc.base = text;
  doc.text = text;
  doc.version = null;
  doc.baseRevs = new Set();
  doc.conflict = null;
  doc.pending = null;
  void journal(context, doc, null).catch(() => undefined);
  announce(context, doc);
}

/** The user chose a text for the editor (a reviewed merge): main's copy becomes it. */
export function chosen(context: DocumentsContext, doc: OpenDocument, text: string): void {
  doc.text = sameHeld(text, doc.base) ? doc.base : text;
  doc.version = null;
  void journal(context, doc, null).catch(() => undefined);
  announce(context, doc);
}

/**
 * The editor goes back to the base: its text was kept elsewhere (a conflicted copy, where Dropbox's side
 * is gone or not text and so cannot be taken). The conflict is answered: the next save meets Dropbox's
 * state anew.
 */
export function editsDiscarded(context: DocumentsContext, doc: OpenDocument): void {
  doc.text = doc.base;
  doc.version = null;
  doc.conflict = null;
  void journal(context, doc, null).catch(() => undefined);
  announce(context, doc);
}

export function conflicted(context: DocumentsContext, doc: OpenDocument, conflict: ConflictState): void {
  doc.conflict = conflict;
  announce(context, doc);
}

/** The user is choosing again (keep mine, merge): the save that follows decides. */
export function conflictSettling(doc: OpenDocument): void {
  doc.conflict = null;
}

/** Offline: `text` waits to be sent against `againstRev`, in `format` (the encoding it was saved in). */
export function uploadPending(
  context: DocumentsContext,
  doc: OpenDocument,
  text: HeldText,
  againstRev: string | null,
  format: TextFormat = doc.format,
): void {
  doc.pending = { text, againstRev };
  doc.format = format;
  void journal(context, doc, null).catch(() => undefined);
  announce(context, doc);
}

export function pendingDropped(context: DocumentsContext, doc: OpenDocument): void {
  doc.pending = null;
  announce(context, doc);
}
