import { randomUUID } from 'node:crypto';
import type { CommandResponse } from '../../common/contract/commands.ts';
import type { DocumentSnapshot, EncodingShape, SaveResult } from '../../common/contract/shapes.ts';
import { type RemoteEntry, remoteFileOf } from '../dropbox/remote-file.ts';
import { OpusError } from '../errors.ts';
import { DEFAULT_TEXT_FORMAT, encodeTextChunks } from './codec.ts';
import { merge, resolve, theirs } from './conflicts.ts';
import { type DocumentsContext, documentOf, snapshotOf } from './context.ts';
import {
  chosen,
  type EditorChange,
  edited,
  opened,
  pathMoved,
  pendingDropped,
  replaced,
  requireVersion,
  sameContentMoved,
  saved,
} from './document-state.ts';
import { downloadText } from './download-text.ts';
import { isDirty, type OpenDocument, pendingAgainst, serialized, stringOf } from './open-document.ts';
import { reopenWithEncoding } from './reopen-with-encoding.ts';
import { restoreRevision } from './restore-revision.ts';
import { save, savedResult, uploadRevisionChecked } from './save.ts';
import { requireFile, untitledName, untitledRemote } from './untitled.ts';

/**
 * Open documents and everything that happens to them: open (one request), revision-checked save (one
 * request), conflicts and merges, Save As, close, and what the watcher reports about their remote copy.
 */
export class Documents {
  constructor(private readonly context: DocumentsContext) {}

  list(): OpenDocument[] {
    return [...this.context.docs.values()];
  }

  /**
   * A new document for every open: two windows on one file are two editors, each checked against the
   * rev it saw, as two computers would be. Only a document restored from the journal, which no window
   * has taken yet, is handed to the one that opens its path.
   */
  async open(path: string): Promise<DocumentSnapshot> {
    const restored = this.list().find((doc) => doc.unclaimed && doc.remote.pathLower === path.toLowerCase());
    if (restored) return snapshotOf(restored);
    // Decoded as the bytes arrive: the open costs the download, not the download and then the decode.
    const { file, decoded } = await downloadText(this.context.gateway, path);
    const doc = this.register(file, decoded.text, decoded.format);
    return snapshotOf(doc);
  }

  /** A new, untitled document: no file on Dropbox until its first save (a Save As) gives it one. */
  create({ id = randomUUID(), unclaimed = false }: { id?: string; unclaimed?: boolean } = {}): OpenDocument {
    return this.register(untitledRemote(untitledName(this.list())), '', DEFAULT_TEXT_FORMAT, {
      id,
      unclaimed,
    });
  }

  register(
    remote: OpenDocument['remote'],
    baseText: string,
    format: OpenDocument['format'],
    { id = randomUUID(), unclaimed = false }: { id?: string; unclaimed?: boolean } = {},
  ): OpenDocument {
    const doc: OpenDocument = {
      id,
      remote,
      format,
      base: baseText,
      text: baseText,
      version: null,
      conflict: null,
      pending: null,
      baseRevs: new Set(),
      replaced: null,
      unclaimed,
      queue: Promise.resolve(),
    };
    this.context.docs.set(doc.id, doc);
    opened(this.context, doc);
    return doc;
  }

  snapshot(documentId: string): DocumentSnapshot {
    return snapshotOf(documentOf(this.context, documentId));
  }

  /** The text the editor shows, as main holds it. */
  editorText(documentId: string): string {
    return stringOf(documentOf(this.context, documentId).text);
  }

  /** Main sets the editor's text (restored from the journal): journaled, and the editor starts from it. */
  showText(documentId: string, text: string): void {
    chosen(this.context, documentOf(this.context, documentId), text);
  }

  /** The restored documents no window has taken yet, now taken by the one asking. */
  claimRestored(): OpenDocument[] {
    const unclaimed = this.list().filter((doc) => doc.unclaimed);
    for (const doc of unclaimed) doc.unclaimed = false;
    return unclaimed;
  }

  /**
   * The editor's edits (or its whole text): main's copy follows, and resolves once the journal holds it.
   * False: main does not hold the version they start from, and wants the whole text.
   */
  edit(
    documentId: string,
    baseRev: string,
    version: number,
    change: EditorChange,
  ): Promise<{ applied: boolean; dirty: boolean }> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, async () => ({
      applied: await edited(this.context, doc, baseRev, version, change),
      dirty: isDirty(doc),
    }));
  }

  /** Saves the editor's text as of `version`, against `baseRev`, the rev it is based on. */
  /** `encoding`: Save with Encoding…, the document is written in it from now on. */
  save(
    documentId: string,
    version: number,
    baseRev: string,
    confirmed = false,
    encoding?: EncodingShape,
  ): Promise<SaveResult> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, () => {
      requireFile(doc);
      requireVersion(doc, version);
      return save(this.context, doc, baseRev, confirmed, encoding);
    });
  }

  saveAs(
    documentId: string,
    version: number,
    path: string,
    overwrite = false,
    encoding?: EncodingShape,
  ): Promise<SaveResult> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, async () => {
      requireVersion(doc, version);
      const text = doc.text;
      const format = encoding ? { ...doc.format, ...encoding } : doc.format;
      const remote = await this.context.gateway.upload(path, encodeTextChunks(text, format), {
        mode: overwrite ? { kind: 'overwrite' } : { kind: 'add' },
        strictConflict: !overwrite,
        autorename: false,
      });
      saved(this.context, doc, remote, text, format);
      return savedResult(doc);
    });
  }

  /** Reopen with Encoding…: Dropbox's current bytes read as `encoding` replace the document's text. */
  reopenWithEncoding(documentId: string, encoding: string): ReturnType<typeof reopenWithEncoding> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, () => reopenWithEncoding(this.context, doc, encoding));
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

  merge(documentId: string, version: number): Promise<CommandResponse<'mergeConflict'>> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, () => {
      requireVersion(doc, version);
      return merge(this.context, doc);
    });
  }

  /** Dropbox's side, fetched now and held as the conflict: the next save answers with it at once. */
  async theirs(documentId: string): Promise<void> {
    const doc = documentOf(this.context, documentId);
    await serialized(doc, () => theirs(this.context, doc));
  }

  /** `merged`: the reviewed merge, for `use_merged`; the other choices act on the editor's text. */
  resolve(
    documentId: string,
    version: number,
    resolution: 'keep_mine' | 'take_theirs' | 'save_copy' | 'use_merged',
    merged?: string,
  ): Promise<CommandResponse<'resolveConflict'>> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, () => {
      requireVersion(doc, version);
      return resolve(this.context, doc, resolution, merged);
    });
  }

  /** Sends every offline-pending save again, each checked against the rev its save was checked against. */
  async retryPending(): Promise<void> {
    for (const doc of this.list().filter((d) => d.pending !== null)) {
      // Read when its turn comes: a save or another retry may have sent it (or a newer text) meanwhile.
      const result = await serialized(doc, async () => {
        const pending = doc.pending;
        if (pending === null) return null;
        return uploadRevisionChecked(this.context, doc, pending.text, pendingAgainst(doc, pending));
      });
      if (result === null) continue;
      if (result.kind === 'saved')
        this.context.emit('pendingUploadChanged', {
          documentId: doc.id,
          state: 'uploaded',
          remote: result.remote,
        });
      if (result.kind === 'conflict') {
        pendingDropped(this.context, doc);
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
    const remote = remoteFileOf(entry);
    if (entry.contentHash === doc.remote.contentHash) {
      if (!doc.conflict) sameContentMoved(this.context, doc, remote);
      return;
    }
    if (!isDirty(doc) && !doc.conflict && doc.pending === null) return this.reload(doc);
    this.context.emit('remoteChanged', { documentId: doc.id, change: 'modified', remote: { ...remote } });
  }

  private async reload(doc: OpenDocument): Promise<void> {
    const { file, decoded } = await downloadText(this.context.gateway, doc.remote.path);
    replaced(this.context, doc, file, decoded.text, decoded.format, { keepReplaced: true });
    this.context.emit('documentReloaded', { snapshot: snapshotOf(doc) });
  }

  /** For a document whose file moved on Dropbox (same id, new path): follow it. */
  moved(documentId: string, remote: OpenDocument['remote']): void {
    const doc = documentOf(this.context, documentId);
    if (doc.remote.id !== remote.id) throw new OpusError('invalid_request', 'Not the same file.');
    // A move gives the file a new rev at its new path. Same content: that rev is ours to save against.
    // Changed content too: keep the old rev, so the next save meets the conflict instead of replacing it.
    if (remote.contentHash === doc.remote.contentHash && !doc.conflict)
      sameContentMoved(this.context, doc, { ...remote });
    else pathMoved(this.context, doc, remote);
    this.context.emit('remoteChanged', { documentId: doc.id, change: 'moved', remote: { ...remote } });
  }
}
