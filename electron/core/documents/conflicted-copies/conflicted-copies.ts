import type { CommandResponse } from '../../../common/contract/commands.ts';
import type { ConflictedCopy } from '../../../common/contract/shapes.ts';
import { contentHash } from '../../dropbox/content-hash.ts';
import type { RemoteEntry, RemoteFile } from '../../dropbox/remote-file.ts';
import { remoteFileOf } from '../../dropbox/remote-file.ts';
import { isOpusError, OpusError } from '../../errors.ts';
import { decodeText, encodeText } from '../codec.ts';
import { type DocumentsContext, documentOf, snapshotOf } from '../context.ts';
import { chosen, requireVersion, saved } from '../document-state.ts';
import { mergeThreeWay } from '../merge.ts';
import { mergedOrigins } from '../merge-origins.ts';
import { type OpenDocument, serialized, stringOf } from '../open-document.ts';
import { isUntitled } from '../untitled.ts';
import { chooseAncestor } from './ancestor.ts';
import { isConflictedCopyOf, parseConflictedCopyName } from './copy-name.ts';

type Merged = CommandResponse<'mergeConflictedCopy'>;
type Resolved = CommandResponse<'resolveConflictedCopy'>;

/** Enough revisions to reach back past any copy a desktop client is still likely to leave. */
const REVISIONS = 100;

const folderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

function copyOf(file: RemoteFile): ConflictedCopy {
  const parsed = parseConflictedCopyName(file.name);
  return { file, who: parsed?.who ?? null, date: parsed?.date ?? null };
}

/**
 * Dropbox's conflicted copies of open documents: found beside them, merged into them (base = the
 * revision the copy diverged from), saved revision-checked, and deleted only once that merge is saved.
 */
export class ConflictedCopies {
  /** Copies whose merge was saved, by path_lower: the rev merged, the only one that may be deleted. */
  private readonly mergedRevs = new Map<string, { documentId: string; rev: string }>();

  constructor(private readonly context: DocumentsContext) {}

  async find(documentId: string): Promise<ConflictedCopy[]> {
    const doc = documentOf(this.context, documentId);
    if (isUntitled(doc.remote)) return [];
    const { gateway } = this.context;
    const copies: ConflictedCopy[] = [];
    let page = await gateway.listFolder(folderOf(doc.remote.path));
    for (;;) {
      for (const entry of page.entries)
        if (entry.kind === 'file' && isConflictedCopyOf(entry.name, doc.remote.name))
          copies.push(copyOf(remoteFileOf(entry)));
      if (!page.hasMore) break;
      page = await gateway.listFolderContinue(page.cursor);
    }
    return copies.sort((a, b) => a.file.serverModified.localeCompare(b.file.serverModified));
  }

  /** The open documents a change in their folder may give or take a copy (the watcher's entries). */
  concerned(entries: readonly RemoteEntry[]): string[] {
    return [...this.context.docs.values()]
      .filter(
        (doc) =>
          !isUntitled(doc.remote) &&
          entries.some(
            (entry) =>
              folderOf(entry.pathLower) === folderOf(doc.remote.pathLower) &&
              isConflictedCopyOf(entry.name, doc.remote.name),
          ),
      )
      .map((doc) => doc.id);
  }

  merge(documentId: string, version: number, copyPath: string): Promise<Merged> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, async () => {
      requireVersion(doc, version);
      this.requireCopy(doc, copyPath);
      const { gateway } = this.context;
      const [copy, history] = await Promise.all([
        gateway.download(copyPath),
        gateway.listRevisions(doc.remote.path, REVISIONS),
      ]);
      const theirs = decodeText(copy.bytes).text;
      const ancestor = chooseAncestor(history.revisions, copy.file);
      let base = '';
      if (ancestor?.reason === 'same_content') base = theirs;
      else if (ancestor)
        base = decodeText((await gateway.download(`rev:${ancestor.revision.rev}`)).bytes).text;
      // Mine is the editor's text, unsaved edits and all: it is what the merge replaces in the editor, and
      // its base rev is what the save is checked against, so nothing typed is lost and nothing newer on
      // Dropbox is overwritten.
      const result = mergeThreeWay(base, stringOf(doc.text), theirs);
      const remoteRev = copy.file.rev;
      const merge: Merged['merge'] =
        result.kind === 'clean'
          ? { kind: 'clean', text: result.text, origins: mergedOrigins(result.hunks), remoteRev }
          : { kind: 'conflicted', hunks: result.hunks, remoteRev };
      const revision = ancestor?.revision;
      return {
        merge,
        copy: copy.file,
        ancestor: revision
          ? {
              rev: revision.rev,
              size: revision.size,
              serverModified: revision.serverModified,
              contentHash: revision.contentHash,
              path: revision.path,
            }
          : null,
      };
    });
  }

  resolve(
    documentId: string,
    version: number,
    copyPath: string,
    copyRev: string,
    text: string,
  ): Promise<Resolved> {
    const doc = documentOf(this.context, documentId);
    return serialized(doc, async () => {
      requireVersion(doc, version);
      this.requireCopy(doc, copyPath);
      const answer = await this.upload(doc, text);
      if (answer.kind === 'saved') this.mergedRevs.set(copyPath.toLowerCase(), { documentId, rev: copyRev });
      return answer;
    });
  }

  /**
   * The merge over the original, against the rev the editor's text is based on: one upload, as a save.
   * Only once it landed does the document take the merged text; refused, the document is left as it
   * was (the editor's text, its rev), so the editor and main still agree and the next save meets the
   * conflict itself. Offline, nothing waits to be sent: a merge is saved while the person watches.
   */
  private async upload(doc: OpenDocument, text: string): Promise<Resolved> {
    const { gateway } = this.context;
    const bytes = encodeText(text, doc.format);
    let remote: RemoteFile;
    try {
      remote = await gateway.upload(doc.remote.path, bytes, {
        mode: { kind: 'update', rev: doc.remote.rev },
        strictConflict: true,
        autorename: false,
      });
    } catch (error) {
      if (!isOpusError(error, 'conflict')) throw error;
      const now = await gateway.getMetadata(doc.remote.path);
      // strict_conflict refuses identical content too: Dropbox already has the merge, under `now`.
      if (now?.kind !== 'file' || now.contentHash !== contentHash(bytes))
        return { kind: 'conflict', remote: now?.kind === 'file' ? remoteFileOf(now) : null };
      remote = remoteFileOf(now);
    }
    saved(this.context, doc, remote, text);
    chosen(this.context, doc, text);
    return { kind: 'saved', remote: { ...remote }, snapshot: snapshotOf(doc) };
  }

  /** Refused unless this document saved a merge of this very copy; Dropbox refuses it if the copy moved on. */
  async deleteCopy(documentId: string, copyPath: string): Promise<void> {
    const merged = this.mergedRevs.get(copyPath.toLowerCase());
    if (!merged || merged.documentId !== documentId)
      throw new OpusError('invalid_request', 'Only a copy whose merge was saved can be deleted here.');
    try {
      await this.context.gateway.deleteFile(copyPath, merged.rev);
    } catch (error) {
      if (isOpusError(error, 'conflict'))
        throw new OpusError(
          'conflict',
          'The copy changed since it was merged, so it was kept. Resolve it again.',
        );
      throw error;
    }
    this.mergedRevs.delete(copyPath.toLowerCase());
  }

  private requireCopy(doc: OpenDocument, copyPath: string): void {
    const name = copyPath.slice(copyPath.lastIndexOf('/') + 1);
    if (
      doc.conflict ||
      folderOf(copyPath.toLowerCase()) !== folderOf(doc.remote.pathLower) ||
      !isConflictedCopyOf(name, doc.remote.name)
    ) {
      throw new OpusError(
        doc.conflict ? 'conflict' : 'invalid_request',
        doc.conflict
          ? `${doc.remote.name} has a conflict with Dropbox. Resolve it before merging a conflicted copy.`
          : `${name} is not a conflicted copy of ${doc.remote.name}.`,
      );
    }
  }
}
