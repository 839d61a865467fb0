import type { CommandResponse } from '../contract/commands.ts';
import { contentHash } from '../dropbox/content-hash.ts';
import type { RemoteFile } from '../dropbox/remote-file.ts';
import { isOpusError, OpusError } from '../errors.ts';
import { decodeText, encodeText } from './codec.ts';
import { conflictedCopyPath } from './conflict-copy-name.ts';
import { type DocumentsContext, snapshotOf } from './context.ts';
import { mergeThreeWay } from './merge.ts';
import type { ConflictState, OpenDocument } from './open-document.ts';
import { adopt, uploadRevisionChecked } from './save.ts';

type Resolution = CommandResponse<'resolveConflict'>;

/** Dropbox's side for a merge: the conflict's, or (from the live banner) freshly downloaded. */
export async function prepareConflict(context: DocumentsContext, doc: OpenDocument): Promise<ConflictState> {
  return theirs(context, doc);
}

async function theirs(context: DocumentsContext, doc: OpenDocument): Promise<ConflictState> {
  if (doc.conflict) return doc.conflict;
  try {
    const download = await context.gateway.download(doc.remote.path);
    doc.conflict = { remote: download.file, remoteText: decodeText(download.bytes).text };
  } catch (error) {
    if (!isOpusError(error, 'not_found')) throw error;
    doc.conflict = { remote: null, remoteText: null };
  }
  return doc.conflict;
}

export async function merge(
  context: DocumentsContext,
  doc: OpenDocument,
  text: string,
): Promise<CommandResponse<'mergeConflict'>> {
  const conflict = await theirs(context, doc);
  if (!conflict.remote || conflict.remoteText === null) {
    throw new OpusError(
      'not_found',
      'The Dropbox version no longer exists, so there is nothing to merge with. Save to recreate it.',
    );
  }
  const result = mergeThreeWay(doc.baseText, text, conflict.remoteText);
  const remoteRev = conflict.remote.rev;
  if (result.kind === 'clean') return { kind: 'clean', text: result.text, remoteRev };
  return { kind: 'conflicted', hunks: result.hunks, remoteRev };
}

/** Saves against the rev the user just compared with (or recreates a file deleted meanwhile). */
async function saveOver(
  context: DocumentsContext,
  doc: OpenDocument,
  conflict: ConflictState,
  text: string,
): Promise<Resolution> {
  doc.conflict = null;
  // The resolved text is what the editor holds now (a reviewed merge replaces the user's own).
  doc.editedText = text;
  const result = await uploadRevisionChecked(context, doc, text, conflict.remote?.rev ?? null);
  if (result.kind === 'saved') return { kind: 'saved', remote: result.remote };
  if (result.kind === 'conflict') return { kind: 'conflict', remote: result.conflict.remote };
  throw new OpusError(
    'offline',
    'Dropbox cannot be reached. Your text is kept and will be uploaded when the connection returns.',
  );
}

async function takeTheirs(
  context: DocumentsContext,
  doc: OpenDocument,
  conflict: ConflictState,
  mine: string,
): Promise<Resolution> {
  if (!conflict.remote || conflict.remoteText === null) {
    throw new OpusError('not_found', 'The Dropbox version was deleted; there is nothing to take.');
  }
  if (mine !== doc.baseText) await context.history.keep(doc.remote.path, mine, context.now());
  doc.editedText = null;
  adopt(context, doc, conflict.remote, conflict.remoteText);
  return { kind: 'reloaded', snapshot: snapshotOf(doc) };
}

async function saveCopy(
  context: DocumentsContext,
  doc: OpenDocument,
  conflict: ConflictState,
  text: string,
): Promise<Resolution> {
  const taken = async (path: string) => (await context.gateway.getMetadata(path)) !== null;
  const path = await conflictedCopyPath(doc.remote.path, context.accountName(), context.now(), taken);
  const bytes = encodeText(text, doc.format);
  const kept = conflict.keptUpload;
  let copy: RemoteFile;
  // Only the very bytes Dropbox kept: text edited since the prompt (even to the same length) goes up anew.
  if (kept && kept.size === bytes.length && kept.contentHash === contentHash(bytes)) {
    // Dropbox still holds the refused upload: commit it under the new name instead of sending it again.
    copy = await context.gateway.commitKeptUpload(kept.sessionId, kept.size, path);
  } else {
    copy = await context.gateway.upload(path, bytes, {
      mode: { kind: 'add' },
      strictConflict: true,
      autorename: false,
    });
  }
  doc.editedText = null;
  if (conflict.remote && conflict.remoteText !== null)
    adopt(context, doc, conflict.remote, conflict.remoteText);
  return { kind: 'copied', copy, snapshot: snapshotOf(doc) };
}

export async function resolve(
  context: DocumentsContext,
  doc: OpenDocument,
  resolution: 'keep_mine' | 'take_theirs' | 'save_copy' | 'use_merged',
  text: string,
): Promise<Resolution> {
  const conflict = await theirs(context, doc);
  switch (resolution) {
    case 'keep_mine':
    case 'use_merged':
      return saveOver(context, doc, conflict, text);
    case 'take_theirs':
      return takeTheirs(context, doc, conflict, text);
    case 'save_copy':
      return saveCopy(context, doc, conflict, text);
  }
}
