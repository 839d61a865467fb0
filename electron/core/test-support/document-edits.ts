import type { CommandRequest, CommandResponse } from '../../common/contract/commands.ts';
import type { SaveResult, TextEdit } from '../../common/contract/shapes.ts';
import type { CoreHandle } from './core-handle.ts';

/*
 * What the user does to a document's text, as the tests say it. Every test goes through these rather
 * than through the edit and save commands themselves, so a change of how the window sends its text to
 * main changes these bodies only. Each answers as the command does; a failure is a CallFailed.
 */

/** The editor now shows `text` (as if typed): main journals it and marks the document dirty. */
export async function typeText(opus: CoreHandle, documentId: string, text: string): Promise<void> {
  const editor = opus.editorOf(documentId);
  editor.version++;
  const { applied } = await opus.call('editDocument', {
    documentId,
    baseRev: editor.rev,
    version: editor.version,
    change: { kind: 'text', text },
  });
  if (!applied) throw new Error('main refused the whole text');
}

/** Keystrokes: `edits`, each applied to the text the one before left, sent as the editor sends them. */
export async function typeEdits(opus: CoreHandle, documentId: string, edits: TextEdit[]): Promise<void> {
  const editor = opus.editorOf(documentId);
  const from = editor.version;
  editor.version++;
  const { applied } = await opus.call('editDocument', {
    documentId,
    baseRev: editor.rev,
    version: editor.version,
    change: { kind: 'edits', from, edits },
  });
  if (!applied) throw new Error('main refused the edits');
}

/** The editor shows `text` and the user presses Save (`confirmed`: the guard-rail question answered yes). */
export async function saveText(
  opus: CoreHandle,
  documentId: string,
  text: string,
  options: { confirmed?: boolean } = {},
): Promise<SaveResult> {
  await typeText(opus, documentId, text);
  const { rev, version } = opus.editorOf(documentId);
  return opus.call('saveDocument', { documentId, version, baseRev: rev, ...options });
}

/** The editor shows `text` and the user saves it as `path` (`overwrite`: replacing a taken path was asked). */
export async function saveTextAs(
  opus: CoreHandle,
  documentId: string,
  path: string,
  text: string,
  options: { overwrite?: boolean } = {},
): Promise<SaveResult> {
  await typeText(opus, documentId, text);
  const { version } = opus.editorOf(documentId);
  return opus.call('saveDocumentAs', { documentId, version, path, ...options });
}

/** The editor shows `text` and the user asks to merge it with Dropbox's version. */
export async function mergeText(
  opus: CoreHandle,
  documentId: string,
  text: string,
): Promise<CommandResponse<'mergeConflict'>> {
  await typeText(opus, documentId, text);
  return opus.call('mergeConflict', { documentId, version: opus.editorOf(documentId).version });
}

export type Resolution = CommandRequest<'resolveConflict'>['resolution'];

/**
 * The editor shows `text` and the user answers the conflict with `resolution` (for `use_merged`, `text`
 * is the reviewed merge).
 */
export async function resolveWith(
  opus: CoreHandle,
  documentId: string,
  resolution: Resolution,
  text: string,
): Promise<CommandResponse<'resolveConflict'>> {
  if (resolution === 'use_merged')
    return opus.call('resolveConflict', {
      documentId,
      resolution,
      version: opus.editorOf(documentId).version,
      text,
    });
  await typeText(opus, documentId, text);
  return opus.call('resolveConflict', { documentId, resolution, version: opus.editorOf(documentId).version });
}
