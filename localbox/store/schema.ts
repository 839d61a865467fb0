import type { Sqlite } from './sqlite.ts';

const SCHEMA_VERSION = 1;

/**
 * `entries` holds the latest state of every path ever used, deletions as tombstones; `changed_seq`
 * orders them, so a cursor is just a sequence number and a folder. `revisions` keeps every file version.
 * `shared_links` names the file or folder by id, so a link follows it through moves and renames as
 * Dropbox's links do; Dropbox keeps at most one view link and one edit link per item.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
  path_lower TEXT PRIMARY KEY,
  parent_lower TEXT NOT NULL,
  path_display TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('file', 'folder', 'deleted')),
  id TEXT,
  rev TEXT,
  size INTEGER,
  content_hash TEXT,
  client_modified TEXT,
  server_modified TEXT,
  changed_seq INTEGER NOT NULL,
  deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS entries_parent ON entries (parent_lower, changed_seq);
CREATE INDEX IF NOT EXISTS entries_seq ON entries (changed_seq);
CREATE INDEX IF NOT EXISTS entries_id ON entries (id);
CREATE TABLE IF NOT EXISTS revisions (
  rev TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  file_id TEXT NOT NULL,
  path_lower TEXT NOT NULL,
  path_display TEXT NOT NULL,
  size INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  client_modified TEXT NOT NULL,
  server_modified TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS revisions_path ON revisions (path_lower, seq);
CREATE INDEX IF NOT EXISTS revisions_file ON revisions (file_id, seq);
CREATE TABLE IF NOT EXISTS upload_sessions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('sequential', 'concurrent')),
  received INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS upload_parts (
  session_id TEXT NOT NULL REFERENCES upload_sessions (id) ON DELETE CASCADE,
  offset INTEGER NOT NULL,
  size INTEGER NOT NULL,
  blob TEXT NOT NULL,
  PRIMARY KEY (session_id, offset)
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  app_key TEXT NOT NULL,
  family TEXT NOT NULL,
  scope TEXT NOT NULL,
  expires_ms INTEGER,
  revoked INTEGER NOT NULL DEFAULT 0,
  pkce INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS tokens_family ON tokens (family);
CREATE TABLE IF NOT EXISTS shared_links (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  item_id TEXT NOT NULL,
  access TEXT NOT NULL CHECK (access IN ('viewer', 'editor')),
  audience TEXT NOT NULL CHECK (audience IN ('public', 'no_one')),
  password_hash TEXT,
  expires TEXT,
  allow_download INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX IF NOT EXISTS shared_links_item ON shared_links (item_id, access);
`;

export function migrate(db: Sqlite): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    const row = db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'");
    if (row && Number(row.value) > SCHEMA_VERSION) {
      throw new Error(`This localbox data folder was written by a newer version (schema ${row.value}).`);
    }
    db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", [String(SCHEMA_VERSION)]);
  });
}

export function metaValue(db: Sqlite, key: string, create: () => string): string {
  const row = db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
  if (row) return row.value;
  const value = create();
  db.run('INSERT INTO meta (key, value) VALUES (?, ?)', [key, value]);
  return value;
}
