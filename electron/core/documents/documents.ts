import { randomUUID } from 'node:crypto';
import type { CommandResponse } from '../contract/commands.ts';
import type { DocumentSnapshot, SaveResult } from '../contract/shapes.ts';
import type { RemoteEntry } from '../dropbox/remote-file.ts';
import { OpusError } from '../errors.ts';
import { decodeText, encodeTextChunks } from './codec.ts';
import { merge, prepareConflict, resolve } from './conflicts.ts';
import { type DocumentsContext, documentOf, journalTextNow, snapshotOf } from './context.ts';
import { isDirty, type OpenDocument, serialized } from './open-document.ts';
import { restoreRevision } from './restore-revision.ts';
import { adopt, save, uploadRevisionChecked } from './save.ts';

/**
 * Open documents and everything that happens to them: open (one request), revision-checked save (one
 * request), conflicts and merges, Save As, close, and what the watcher reports about their remote copy.
 */
export class Documents {
  constructor(private readonly context: DocumentsContext) {}

  list(): OpenDocument[] {
    return [...this.context.docs.values()];
  }

  async open(path: string): Promise<DocumentSnapshot> {
    const already = this.list().find((doc) => doc.remote.pathLower === path.toLowerCase());
    if (already) return snapshotOf(already);
    const { file, bytes } = await this.context.gateway.download(path);
    const decoded = decodeText(bytes);
    const doc = this.register(file, decoded.text, decoded.format);
    return snapshotOf(doc);
  }

  register(
    remote: OpenDocument['remote'],
    baseText: string,
    format: OpenDocument['format'],
    id: string = randomUUID(),
  ): OpenDocument {
    const doc: OpenDocument = {
      id,
      remote,
      baseText,
      format,
      editedText: null,
      conflict: null,
      pendingText: null,
      queue: Promise.resolve(),
    };
    this.context.docs.set(doc.id, doc);
    return doc;
  }

  snapshot(documentId: string): DocumentSnapshot {
    return snapshotOf(documentOf(this.context, documentId));
  }

  /** Fetches Dropbox's current version now, so the next save answers with the conflict at once. */
  async prepareConflict(documentId: string): Promise<void> {
    const doc = documentOf(this.context, documentId);
    await serialized(doc, () => prepareConflict(this.context, doc));
  }

  /**
   * Resolves once the text is on disk (or its entry removed, when the text is back to the base).
   * `baseRev` is the rev the window's text is based on: when a silent reload overtook the typing, it
   * names the base that reload replaced, which comes back, so no edit is taken for an edit of the new one.
   */
  async noteEdit(documentId: string, text: string, baseRev?: string): Promise<void> {
    const doc = documentOf(this.context, documentId);
    const replaced = doc.replacedBase;
    if (baseRev && replaced && baseRev !== doc.remote.rev && baseRev === replaced.remote.rev) {
      doc.remote = replaced.remote;
      doc.baseText = replaced.text;
      doc.format = replaced.format;
      doc.replacedBase = null;
    }
    doc.editedText = text;
    if (text === doc.baseText && doc.pendingText === null) await this.context.journal.clear(doc.id);
    else await journalTextNow(this.context, doc, text);
  }

  save(documentId: string, text: string, confirmed = false): Promise<SaveResult> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, () => save(this.context, doc, text, confirmed));
  }

  saveAs(documentId: string, path: string, text: string, overwrite = false): Promise<SaveResult> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, async () => {
      const remote = await this.context.gateway.upload(path, encodeTextChunks(text, doc.format), {
        mode: overwrite ? { kind: 'overwrite' } : { kind: 'add' },
        strictConflict: !overwrite,
        autorename: false,
      });
      void this.context.journal.clear(doc.id);
      doc.editedText = null;
      adopt(this.context, doc, remote, text);
      return { kind: 'saved', remote: { ...remote } };
    });
  }

  /** An old revision restored on Dropbox becomes the document's base; unsaved text is replaced. */
  restoreRevision(documentId: string, rev: string): ReturnType<typeof restoreRevision> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, () => restoreRevision(this.context, doc, rev));
  }

  /** Forgets every open document but keeps their journal entries (the account is signing out). */
  forgetAll(): void {
    this.context.docs.clear();
  }

  close(documentId: string): void {
    const doc = this.context.docs.get(documentId);
    if (!doc) return;
    this.context.docs.delete(documentId);
    void this.context.journal.clear(documentId);
  }

  merge(documentId: string, text: string): Promise<CommandResponse<'mergeConflict'>> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, () => merge(this.context, doc, text));
  }

  resolve(
    documentId: string,
    resolution: 'keep_mine' | 'take_theirs' | 'save_copy' | 'use_merged',
    text: string,
  ): Promise<CommandResponse<'resolveConflict'>> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, () => resolve(this.context, doc, resolution, text));
  }

  /** Sends every offline-pending save again; each stays revision-checked against its base rev. */
  async retryPending(): Promise<void> {
    for (const doc of this.list().filter((d) => d.pendingText !== null)) {
      // Read when its turn comes: a save or another retry may have sent it (or a newer text) meanwhile.
      const result = await serialized(doc, async () =>
        doc.pendingText === null
          ? null
          : uploadRevisionChecked(this.context, doc, doc.pendingText, doc.remote.rev),
      );
      if (result === null) continue;
      if (result.kind === 'saved')
        this.context.emit('pendingUploadChanged', {
          documentId: doc.id,
          state: 'uploaded',
          remote: result.remote,
        });
      if (result.kind === 'conflict') {
        doc.pendingText = null;
        this.context.emit('pendingUploadChanged', {
          documentId: doc.id,
          state: 'conflict',
          ...(result.conflict.remote ? { remote: result.conflict.remote } : {}),
        });
      }
      if (result.kind === 'pending') return;
    }
  }

  /**
   * The watcher's report about a path. Only a real change counts: the rev AND the content moved. A clean
   * document reloads silently; a dirty one gets a banner; a rev-only move is adopted quietly.
   */
  async remoteChanged(pathLower: string, entry: RemoteEntry | null): Promise<void> {
    for (const doc of this.list().filter((d) => d.remote.pathLower === pathLower)) {
      // Behind any save in flight: the watcher often hears of our own upload before its answer arrives,
      // and once the save has adopted the new rev, that change is no change at all.
      await serialized(doc, () => this.judgeRemote(doc, entry));
    }
  }

  private async judgeRemote(doc: OpenDocument, entry: RemoteEntry | null): Promise<void> {
    if (!this.context.docs.has(doc.id)) return;
    if (!entry || entry.kind === 'deleted') {
      this.context.emit('remoteChanged', { documentId: doc.id, change: 'deleted' });
      return;
    }
    if (entry.kind !== 'file' || entry.rev === doc.remote.rev) return;
    const { kind: _kind, ...remote } = entry;
    if (entry.contentHash === doc.remote.contentHash) {
      if (!doc.conflict) doc.remote = remote;
      return;
    }
    if (!isDirty(doc) && !doc.conflict && doc.pendingText === null) return this.reload(doc);
    this.context.emit('remoteChanged', { documentId: doc.id, change: 'modified', remote: { ...remote } });
  }

  private async reload(doc: OpenDocument): Promise<void> {
    const { file, bytes } = await this.context.gateway.download(doc.remote.path);
    const decoded = decodeText(bytes);
    doc.replacedBase = { remote: { ...doc.remote }, text: doc.baseText, format: { ...doc.format } };
    doc.remote = file;
    doc.baseText = decoded.text;
    doc.format = decoded.format;
    doc.editedText = null;
    this.context.emit('documentReloaded', { snapshot: snapshotOf(doc) });
  }

  /** For a document whose file moved on Dropbox (same id, new path): follow it. */
  moved(documentId: string, remote: OpenDocument['remote']): void {
    const doc = documentOf(this.context, documentId);
    if (doc.remote.id !== remote.id) throw new OpusError('invalid_request', 'Not the same file.');
    // A move gives the file a new rev at its new path. Same content: that rev is ours to save against.
    // Changed content too: keep the old rev, so the next save meets the conflict instead of replacing it.
    doc.remote =
      remote.contentHash === doc.remote.contentHash && !doc.conflict
        ? { ...remote }
        : { ...doc.remote, path: remote.path, pathLower: remote.pathLower, name: remote.name };
    this.context.emit('remoteChanged', { documentId: doc.id, change: 'moved', remote: { ...remote } });
  }
}
