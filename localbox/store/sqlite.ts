import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Database as SqliteDatabase, Statement } from 'node-sqlite3-wasm';
import { PRIVATE_FILE, PRIVATE_FOLDER, restrictTo } from './private-files.ts';

// A named ESM import of node-sqlite3-wasm crashes under real Node ESM; require it instead.
const sqlite = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');

export type SqlValue = string | number | bigint | boolean | null | Uint8Array;
export type Row = Record<string, SqlValue>;

/**
 * A thin, synchronous wrapper: statements are cached and finalized on close (the WASM build is not
 * garbage-collected), and every write runs inside `transaction`, which is atomic because JS never
 * interleaves another request into synchronous code.
 */
export class Sqlite {
  private readonly db: SqliteDatabase;
  private readonly statements = new Map<string, Statement>();

  constructor(file: string) {
    // The WASM VFS locks with a "<file>.lock" directory that a killed process leaves behind. The data
    // folder has its own owner lock, so a leftover here is always stale.
    rmSync(`${file}.lock`, { recursive: true, force: true });
    this.db = new sqlite.Database(file);
    // Not a rollback journal: this VFS's CheckReservedLock sees our own "<file>.lock", so SQLite never
    // finds a hot journal, and a kill -9 mid-commit would leave a torn, "malformed" database. A WAL is
    // replayed on open without that check. Exclusive locking (set first) keeps the WAL index in heap
    // memory, since the VFS has no shared memory; the data folder lock makes us the only user anyway.
    this.db.exec('PRAGMA locking_mode = EXCLUSIVE');
    const mode = this.db.get('PRAGMA journal_mode = WAL') as { journal_mode?: string } | null;
    if (mode?.journal_mode !== 'wal') {
      this.db.close();
      throw new Error(`Could not switch ${file} to WAL mode (got ${mode?.journal_mode}).`);
    }
    // FULL: every commit's WAL frames are fsynced before COMMIT returns.
    this.db.exec('PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    // The VFS creates its files itself: the database (and, from it, the WAL) with the mode SQLite asks
    // for, its lock folder with mkdir's default. Exclusive locking holds that lock until close.
    restrictTo(file, PRIVATE_FILE);
    if (existsSync(`${file}-wal`)) restrictTo(`${file}-wal`, PRIVATE_FILE);
    if (existsSync(`${file}.lock`)) restrictTo(`${file}.lock`, PRIVATE_FOLDER);
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  all<T = Row>(sql: string, values: SqlValue[] = []): T[] {
    return this.statement(sql).all(values) as T[];
  }

  get<T = Row>(sql: string, values: SqlValue[] = []): T | undefined {
    return (this.statement(sql).get(values) as T | null) ?? undefined;
  }

  run(sql: string, values: SqlValue[] = []): number {
    return this.statement(sql).run(values).changes;
  }

  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    for (const statement of this.statements.values()) statement.finalize();
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
