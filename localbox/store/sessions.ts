import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentHasher } from '../domain/content-hash.ts';
import { randomToken } from '../domain/ids.ts';
import { syncDirectory } from './blobs.ts';
import { makePrivateFolder, PRIVATE_FILE, restrictHandle } from './private-files.ts';
import type { Sqlite } from './sqlite.ts';

export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * A refused upload's bytes (kept so the client can commit them elsewhere, as Opus's "save a copy" does)
 * and a session whose finish was refused are dropped this long after the refusal, not after 7 days.
 */
export const REFUSED_SESSION_MS = 24 * 60 * 60 * 1000;

export interface SessionRow {
  id: string;
  kind: 'sequential' | 'concurrent';
  received: number;
  closed: number;
  created_ms: number;
}

export interface PartRow {
  offset: number;
  size: number;
  blob: string;
}

/**
 * Upload sessions: each appended chunk is an fsynced part file; the database records the parts and the
 * offset, so a session survives a restart and a half-received chunk never counts.
 */
export class SessionStore {
  private readonly root: string;

  constructor(
    private readonly db: Sqlite,
    dataDir: string,
  ) {
    this.root = join(dataDir, 'sessions');
    makePrivateFolder(this.root);
  }

  get(id: string, now = Date.now()): SessionRow | undefined {
    const row = this.db.get<SessionRow>('SELECT * FROM upload_sessions WHERE id = ?', [id]);
    return row && now - row.created_ms < SESSION_LIFETIME_MS ? row : undefined;
  }

  parts(id: string): PartRow[] {
    return this.db.all<PartRow>(
      'SELECT offset, size, blob FROM upload_parts WHERE session_id = ? ORDER BY offset',
      [id],
    );
  }

  /** Bytes held by live sessions (all but `except`): they count against the quota like files. */
  openBytes(except = '', now = Date.now()): number {
    return (
      this.db.get<{ held: number | null }>(
        'SELECT sum(received) AS held FROM upload_sessions WHERE created_ms > ? AND id != ?',
        [now - SESSION_LIFETIME_MS, except],
      )?.held ?? 0
    );
  }

  /**
   * Shortens a refused session's life to REFUSED_SESSION_MS from now. The schema has only a creation
   * time, so the refusal moves it back: the session then expires as an old one would.
   */
  markRefused(id: string, now = Date.now()): void {
    this.db.run('UPDATE upload_sessions SET created_ms = min(created_ms, ?) WHERE id = ?', [
      now - SESSION_LIFETIME_MS + REFUSED_SESSION_MS,
      id,
    ]);
  }

  /** Removes sessions past their life, rows and part files, while running (sweep does it at start). */
  dropExpired(now = Date.now()): void {
    const expired = this.db.all<{ id: string }>('SELECT id FROM upload_sessions WHERE created_ms <= ?', [
      now - SESSION_LIFETIME_MS,
    ]);
    for (const { id } of expired) this.remove(id);
  }

  create(kind: SessionRow['kind']): SessionRow {
    this.dropExpired();
    const row: SessionRow = {
      id: `pid_upload_session:${randomToken(40)}`,
      kind,
      received: 0,
      closed: 0,
      created_ms: Date.now(),
    };
    this.db.run('INSERT INTO upload_sessions VALUES (?, ?, ?, ?, ?)', [
      row.id,
      row.kind,
      0,
      0,
      row.created_ms,
    ]);
    makePrivateFolder(this.folderOf(row.id));
    return row;
  }

  /** Moves an fsynced temp file into the session as the part at `offset`. */
  addPart(id: string, offset: number, tempPath: string, size: number, close: boolean): void {
    const name = `${offset}`;
    const folder = this.folderOf(id);
    if (size > 0) {
      renameSync(tempPath, join(folder, name));
      syncDirectory(folder);
    }
    this.db.transaction(() => {
      if (size > 0)
        this.db.run('INSERT OR REPLACE INTO upload_parts VALUES (?, ?, ?, ?)', [id, offset, size, name]);
      this.db.run('UPDATE upload_sessions SET received = received + ?, closed = closed OR ? WHERE id = ?', [
        size,
        close ? 1 : 0,
        id,
      ]);
    });
  }

  /** Joins the parts (which must cover 0..total without gaps) into one fsynced temp file. */
  async assemble(
    id: string,
    tempPath: string,
  ): Promise<{ tempPath: string; size: number; contentHash: string }> {
    const hasher = new ContentHasher();
    const out = await open(tempPath, 'wx', PRIVATE_FILE);
    let size = 0;
    try {
      await restrictHandle(out);
      for (const part of this.parts(id)) {
        for await (const chunk of createReadStream(
          join(this.folderOf(id), part.blob),
        ) as AsyncIterable<Buffer>) {
          hasher.update(chunk);
          await out.write(chunk);
          size += chunk.length;
        }
      }
      await out.sync();
    } finally {
      await out.close();
    }
    return { tempPath, size, contentHash: hasher.digest() };
  }

  remove(id: string): void {
    this.db.run('DELETE FROM upload_sessions WHERE id = ?', [id]);
    rmSync(this.folderOf(id), { recursive: true, force: true });
  }

  /** Drops expired sessions and part folders no session owns (a crash between file and row). */
  sweep(now = Date.now()): void {
    this.db.run('DELETE FROM upload_sessions WHERE created_ms < ?', [now - SESSION_LIFETIME_MS]);
    const owned = new Set(
      this.db.all<{ id: string }>('SELECT id FROM upload_sessions').map((row) => this.folderName(row.id)),
    );
    for (const name of readdirSync(this.root)) {
      if (!owned.has(name)) rmSync(join(this.root, name), { recursive: true, force: true });
    }
  }

  private folderOf(id: string): string {
    return join(this.root, this.folderName(id));
  }

  // Session ids come from requests; the folder name is a hash of one, so no id can name a path.
  private folderName(id: string): string {
    return createHash('sha256').update(id).digest('hex').slice(0, 32);
  }
}
