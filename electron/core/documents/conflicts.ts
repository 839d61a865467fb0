import type { CommandResponse } from '../../common/contract/commands.ts';
import type { ConflictResolution } from '../../common/contract/shapes.ts';
import { contentHash } from '../dropbox/content-hash.ts';
import type { RemoteFile } from '../dropbox/remote-file.ts';
import { isOpusError, OpusError } from '../errors.ts';
import { decodeText, encodeText } from './codec.ts';
import { conflictedCopyPath } from './conflict-copy-name.ts';
import { type DocumentsContext, snapshotOf } from './context.ts';
import { chosen, conflicted, conflictSettling, editsDiscarded, replaced } from './document-state.ts';
import { mergeThreeWay } from './merge.ts';
import { mergedOrigins } from './merge-origins.ts';
import { type ConflictState, type OpenDocument, stringOf } from './open-document.ts';
import { uploadRevisionChecked } from './save.ts';

type Resolution = CommandResponse<'resolveConflict'>;

/** Dropbox's side for a merge: the conflict's, or (from the live banner) freshly downloaded. */
export async function theirs(context: DocumentsContext, doc: OpenDocument): Promise<ConflictState> {
  if (doc.conflict) return doc.conflict;
  let conflict: ConflictState;
  try {
    const download = await context.gateway.download(doc.remote.path);
    conflict = { remote: download.file, remoteText: decodeText(download.bytes).text };
  } catch (error) {
    if (!isOpusError(error, 'not_found')) throw error;
    conflict = { remote: null, remoteText: null };
  }
  conflicted(context, doc, conflict);
  return conflict;
}

/** Dropbox holds a file that is not text where the document was (an image, say): kept, never read. */
const notText = (what: string) =>
  new OpusError(
    'binary_file',
    `The Dropbox version is not text any more, so there is nothing to ${what}. Keep yours or save it as a copy.`,
  );

export async function merge(
  context: DocumentsContext,
  doc: OpenDocument,
): Promise<CommandResponse<'mergeConflict'>> {
  const conflict = await theirs(context, doc);
  if (!conflict.remote) {
    throw new OpusError(
      'not_found',
      'The Dropbox version no longer exists, so there is nothing to merge with. Save to recreate it.',
    );
  }
  if (conflict.remoteText === null) throw notText('merge with');
  const result = mergeThreeWay(stringOf(doc.base), stringOf(doc.text), conflict.remoteText);
  const remoteRev = conflict.remote.rev;
  if (result.kind === 'clean') {
    return { kind: 'clean', text: result.text, origins: mergedOrigins(result.hunks), remoteRev };
  }
  return { kind: 'conflicted', hunks: result.hunks, remoteRev };
}

/** Saves against the rev the user just compared with (or recreates a file deleted meanwhile). */
async function saveOver(
  context: DocumentsContext,
  doc: OpenDocument,
  conflict: ConflictState,
): Promise<Resolution> {
  conflictSettling(doc);
  const result = await uploadRevisionChecked(context, doc, doc.text, conflict.remote?.rev ?? null);
  if (result.kind === 'saved') return { kind: 'saved', remote: result.remote };
  if (result.kind === 'conflict') return { kind: 'conflict', remote: result.conflict.remote };
  // Offline: the choice is made, not failed. The text waits, to be sent against this same rev.
  return { kind: 'pending', reason: 'offline' };
}

async function takeTheirs(
  context: DocumentsContext,
  doc: OpenDocument,
  conflict: ConflictState,
): Promise<Resolution> {
  if (!conflict.remote) {
    throw new OpusError('not_found', 'The Dropbox version was deleted; there is nothing to take.');
  }
  if (conflict.remoteText === null) throw notText('take');
  const mine = stringOf(doc.text);
  if (mine !== stringOf(doc.base)) await context.history.keep(doc.remote.path, mine, context.now());
  replaced(context, doc, conflict.remote, conflict.remoteText, doc.format);
  return { kind: 'reloaded', snapshot: snapshotOf(doc) };
}

async function saveCopy(
  context: DocumentsContext,
  doc: OpenDocument,
  conflict: ConflictState,
): Promise<Resolution> {
  const text = stringOf(doc.text);
  const taken = async (path: string) => (await context.gateway.getMetadata(path)) !== null;
  const path = await conflictedCopyPath(doc.remote.path, context.accountName(), context.now(), taken);
  const bytes = encodeText(text, doc.format);
  const kept = conflict.keptUpload;
  let copy: RemoteFile;
  // Only the very bytes Dropbox kept: text edited since the prompt (even to the same length) goes up anew.
  if (
    kept &&
    // Stryker disable next-line ConditionalExpression: equal content_hashes mean equal sizes; the size spares hashing
    kept.size === bytes.length &&
    kept.contentHash === contentHash(bytes)
  ) {
    // Dropbox still holds the refused upload: commit it under the new name instead of sending it again.
    copy = await context.gateway.commitKeptUpload(kept.sessionId, kept.size, path);
  } else {
    copy = await context.gateway.upload(path, bytes, {
      mode: { kind: 'add' },
      strictConflict: true,
      autorename: false,
    });
  }
  if (conflict.remote && conflict.remoteText !== null)
    replaced(context, doc, conflict.remote, conflict.remoteText, doc.format);
  else editsDiscarded(context, doc);
  return { kind: 'copied', copy, snapshot: snapshotOf(doc) };
}

export async function resolve(
  context: DocumentsContext,
  doc: OpenDocument,
  resolution: ConflictResolution,
  merged: string | undefined,
): Promise<Resolution> {
  const conflict = await theirs(context, doc);
  switch (resolution) {
    case 'use_merged':
      if (merged === undefined) throw new OpusError('invalid_request', 'A reviewed merge needs its text.');
      // The reviewed merge replaces the user's own text in the editor: main's copy becomes it first.
      chosen(context, doc, merged);
      return saveOver(context, doc, conflict);
    case 'keep_mine':
      return saveOver(context, doc, conflict);
    case 'take_theirs':
      return takeTheirs(context, doc, conflict);
    case 'save_copy':
      return saveCopy(context, doc, conflict);
  }
}
