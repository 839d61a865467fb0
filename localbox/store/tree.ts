import { newFileId, newRev } from '../domain/ids.ts';
import { ancestors, baseName, lowerPath, parentPath } from '../domain/paths.ts';
import { dropboxTimestamp } from '../domain/time.ts';
import type { Sqlite } from './sqlite.ts';

export type EntryKind = 'file' | 'folder' | 'deleted';

export interface EntryRow {
  path_lower: string;
  parent_lower: string;
  path_display: string;
  kind: EntryKind;
  id: string | null;
  rev: string | null;
  size: number | null;
  content_hash: string | null;
  client_modified: string | null;
  server_modified: string | null;
  changed_seq: number;
  deleted_at: string | null;
}

export interface FileRow extends EntryRow {
  kind: 'file';
  id: string;
  rev: string;
  size: number;
  content_hash: string;
  client_modified: string;
  server_modified: string;
}

export interface RevisionRow {
  rev: string;
  seq: number;
  file_id: string;
  path_lower: string;
  path_display: string;
  size: number;
  content_hash: string;
  client_modified: string;
  server_modified: string;
}

export interface NewFileVersion {
  pathDisplay: string;
  contentHash: string;
  size: number;
  clientModified?: string | undefined;
  /** Keeps the identity of a file across moves and restores. */
  fileId?: string | undefined;
}

export const isFile = (row: EntryRow | undefined): row is FileRow => row?.kind === 'file';
export const isLive = (row: EntryRow | undefined): row is EntryRow => !!row && row.kind !== 'deleted';

/**
 * The namespace: every path's latest state and every file revision. All methods are synchronous and
 * callers wrap multi-step writes in `db.transaction`, so a request sees and leaves a consistent tree.
 */
export class Tree {
  private seq: number;

  constructor(
    private readonly db: Sqlite,
    private readonly revSalt: string,
    private readonly onChange: () => void,
  ) {
    const row = db.get<{ seq: number | null }>(
      'SELECT max(s) AS seq FROM (SELECT max(changed_seq) AS s FROM entries UNION ALL SELECT max(seq) FROM revisions)',
    );
    this.seq = row?.seq ?? 0;
  }

  get latestSeq(): number {
    return this.seq;
  }

  entry(pathLower: string): EntryRow | undefined {
    return this.db.get<EntryRow>('SELECT * FROM entries WHERE path_lower = ?', [pathLower]);
  }

  entryById(id: string): EntryRow | undefined {
    return this.db.get<EntryRow>("SELECT * FROM entries WHERE id = ? AND kind != 'deleted'", [id]);
  }

  revision(rev: string): RevisionRow | undefined {
    return this.db.get<RevisionRow>('SELECT * FROM revisions WHERE rev = ?', [rev]);
  }

  usedBytes(): number {
    return (
      this.db.get<{ used: number | null }>("SELECT sum(size) AS used FROM entries WHERE kind = 'file'")
        ?.used ?? 0
    );
  }

  /** The nearest ancestor that is a file, if any: nothing can be written beneath a file. */
  fileAncestor(pathLower: string): EntryRow | undefined {
    for (const folder of ancestors(pathLower)) {
      const row = this.entry(folder);
      if (isFile(row)) return row;
    }
    return undefined;
  }

  /** Writes a new version of a file (creating missing parent folders) and records its revision. */
  putFile(version: NewFileVersion, serverNow = Date.now()): FileRow {
    const pathDisplay = this.ensureParents(version.pathDisplay);
    const pathLower = lowerPath(pathDisplay);
    const existing = this.entry(pathLower);
    const seq = this.next();
    const server = dropboxTimestamp(serverNow);
    const row: FileRow = {
      path_lower: pathLower,
      parent_lower: parentPath(pathLower),
      path_display: isLive(existing) ? existing.path_display : pathDisplay,
      kind: 'file',
      id: version.fileId ?? (isFile(existing) ? existing.id : newFileId()),
      rev: newRev(seq, this.revSalt),
      size: version.size,
      content_hash: version.contentHash,
      client_modified: version.clientModified ?? server,
      server_modified: server,
      changed_seq: seq,
      deleted_at: null,
    };
    this.upsert(row);
    this.db.run('INSERT INTO revisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      row.rev,
      seq,
      row.id,
      row.path_lower,
      row.path_display,
      row.size,
      row.content_hash,
      row.client_modified,
      row.server_modified,
    ]);
    this.onChange();
    return row;
  }

  putFolder(pathDisplay: string): EntryRow {
    const display = this.ensureParents(pathDisplay);
    const row = this.folderRow(display, newFileId());
    this.upsert(row);
    this.onChange();
    return row;
  }

  /** Deletes a file or a folder with everything in it; returns the rows as they were. */
  remove(pathLower: string, now = Date.now()): EntryRow[] {
    const removed = this.subtree(pathLower);
    const when = dropboxTimestamp(now);
    for (const row of removed) {
      this.db.run(
        "UPDATE entries SET kind = 'deleted', changed_seq = ?, deleted_at = ? WHERE path_lower = ?",
        [this.next(), when, row.path_lower],
      );
    }
    this.onChange();
    return removed;
  }

  /** Moves a file or folder subtree; ids stay, every moved file gets a new rev at its new path. */
  move(fromLower: string, toDisplay: string, now = Date.now()): EntryRow {
    const moved = this.subtree(fromLower);
    const root = moved[0];
    if (!root) throw new Error(`nothing to move at ${fromLower}`);
    const target = this.ensureParents(toDisplay);
    this.remove(fromLower, now);
    let top: EntryRow | undefined;
    for (const row of moved) {
      const display = target + row.path_display.slice(root.path_display.length);
      const placed =
        row.kind === 'file'
          ? this.putFile(
              {
                pathDisplay: display,
                contentHash: row.content_hash ?? '',
                size: row.size ?? 0,
                clientModified: row.client_modified ?? undefined,
                fileId: row.id ?? undefined,
              },
              now,
            )
          : this.placeFolder(display, row.id ?? newFileId());
      top ??= placed;
    }
    this.onChange();
    return top as EntryRow;
  }

  /** The live entry and all live entries beneath it, parents before children. */
  subtree(pathLower: string): EntryRow[] {
    const self = this.entry(pathLower);
    if (!isLive(self)) return [];
    if (self.kind === 'file') return [self];
    const below = this.db.all<EntryRow>(
      "SELECT * FROM entries WHERE path_lower > ? AND path_lower < ? AND kind != 'deleted' ORDER BY path_lower",
      [`${pathLower}/`, `${pathLower}0`],
    );
    return [self, ...below];
  }

  /** One page of a folder's entries in path order, after `afterLower`. */
  listPage(
    folderLower: string,
    recursive: boolean,
    includeDeleted: boolean,
    afterLower: string,
    limit: number,
  ): EntryRow[] {
    const kinds = includeDeleted ? "kind IN ('file', 'folder', 'deleted')" : "kind != 'deleted'";
    if (recursive) {
      const low = folderLower === '' ? '' : `${folderLower}/`;
      const high = folderLower === '' ? '\uffff' : `${folderLower}0`;
      return this.db.all<EntryRow>(
        `SELECT * FROM entries WHERE path_lower > ? AND path_lower >= ? AND path_lower < ? AND ${kinds} ORDER BY path_lower LIMIT ?`,
        [afterLower, low, high, limit],
      );
    }
    return this.db.all<EntryRow>(
      `SELECT * FROM entries WHERE parent_lower = ? AND path_lower > ? AND ${kinds} ORDER BY path_lower LIMIT ?`,
      [folderLower, afterLower, limit],
    );
  }

  /** Entries under a folder whose latest change came after `sinceSeq`, oldest change first. */
  changesSince(folderLower: string, recursive: boolean, sinceSeq: number, limit: number): EntryRow[] {
    if (recursive) {
      const low = folderLower === '' ? '' : `${folderLower}/`;
      const high = folderLower === '' ? '\uffff' : `${folderLower}0`;
      return this.db.all<EntryRow>(
        'SELECT * FROM entries WHERE changed_seq > ? AND path_lower >= ? AND path_lower < ? ORDER BY changed_seq LIMIT ?',
        [sinceSeq, low, high, limit],
      );
    }
    return this.db.all<EntryRow>(
      'SELECT * FROM entries WHERE parent_lower = ? AND changed_seq > ? ORDER BY changed_seq LIMIT ?',
      [folderLower, sinceSeq, limit],
    );
  }

  hasChangesSince(folderLower: string, recursive: boolean, sinceSeq: number): boolean {
    return this.changesSince(folderLower, recursive, sinceSeq, 1).length > 0;
  }

  revisionsByPath(pathLower: string, beforeSeq: number, limit: number): RevisionRow[] {
    return this.db.all<RevisionRow>(
      'SELECT * FROM revisions WHERE path_lower = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      [pathLower, beforeSeq, limit],
    );
  }

  revisionsById(fileId: string, beforeSeq: number, limit: number): RevisionRow[] {
    return this.db.all<RevisionRow>(
      'SELECT * FROM revisions WHERE file_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      [fileId, beforeSeq, limit],
    );
  }

  searchNames(folderLower: string, words: string[], includeDeleted: boolean, limit: number): EntryRow[] {
    const kinds = includeDeleted ? "kind = 'deleted'" : "kind != 'deleted'";
    const like = words.map(() => 'path_lower LIKE ? ESCAPE ?').join(' AND ');
    const low = folderLower === '' ? '' : `${folderLower}/`;
    const high = folderLower === '' ? '\uffff' : `${folderLower}0`;
    const rows = this.db.all<EntryRow>(
      `SELECT * FROM entries WHERE ${kinds} AND path_lower >= ? AND path_lower < ? ${like ? `AND ${like}` : ''} ORDER BY path_lower`,
      [low, high, ...words.flatMap((word) => [`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, '\\'])],
    );
    // LIKE found the words anywhere in the path; only the name counts.
    return rows
      .filter((row) => words.every((word) => baseName(row.path_lower).includes(word)))
      .slice(0, limit);
  }

  referencedHashes(): Set<string> {
    const rows = this.db.all<{ h: string }>('SELECT DISTINCT content_hash AS h FROM revisions');
    return new Set(rows.map((row) => row.h));
  }

  /** Creates missing ancestor folders; returns the path with the casing of the folders that exist. */
  private ensureParents(pathDisplay: string): string {
    let display = '';
    for (const folder of ancestors(pathDisplay)) {
      const existing = this.entry(lowerPath(folder));
      const name = baseName(folder);
      if (isLive(existing)) {
        display = existing.path_display;
      } else {
        display = `${display}/${name}`;
        this.upsert(this.folderRow(display, newFileId()));
      }
    }
    return `${display}/${baseName(pathDisplay)}`;
  }

  private placeFolder(pathDisplay: string, id: string): EntryRow {
    const row = this.folderRow(pathDisplay, id);
    this.upsert(row);
    return row;
  }

  private folderRow(pathDisplay: string, id: string): EntryRow {
    const pathLower = lowerPath(pathDisplay);
    return {
      path_lower: pathLower,
      parent_lower: parentPath(pathLower),
      path_display: pathDisplay,
      kind: 'folder',
      id,
      rev: null,
      size: null,
      content_hash: null,
      client_modified: null,
      server_modified: null,
      changed_seq: this.next(),
      deleted_at: null,
    };
  }

  private upsert(row: EntryRow): void {
    this.db.run('INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      row.path_lower,
      row.parent_lower,
      row.path_display,
      row.kind,
      row.id,
      row.rev,
      row.size,
      row.content_hash,
      row.client_modified,
      row.server_modified,
      row.changed_seq,
      row.deleted_at,
    ]);
  }

  private next(): number {
    this.seq += 1;
    return this.seq;
  }
}
