import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../test-support/process.ts';
import { Sqlite } from './sqlite.ts';

// The database under a process killed inside a transaction big enough to spill pages to disk before
// COMMIT: the worst moment for a journal. node-sqlite3-wasm's VFS never treats a rollback journal as hot
// (its reserved-lock check sees its own lock), so this once came back "database disk image is malformed".

const ROWS = 4000;
const BEFORE = 'before'.padEnd(1000, '.');
const TORN = 'torn'.padEnd(1000, '!');

function childScript(moduleUrl: string, file: string, killInside: boolean): string {
  return `
    const { Sqlite } = await import(${JSON.stringify(moduleUrl)});
    const db = new Sqlite(${JSON.stringify(file)});
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL)');
    db.transaction(() => {
      for (let i = 0; i < ${ROWS}; i++) db.run('INSERT INTO t (x) VALUES (?)', [${JSON.stringify(BEFORE)}]);
    });
    db.transaction(() => {
      db.run('UPDATE t SET x = ?', [${JSON.stringify(TORN)}]);
      db.run('DELETE FROM t WHERE id % 3 = 0');
      for (let i = 0; i < ${2 * ROWS}; i++) db.run('INSERT INTO t (x) VALUES (?)', [${JSON.stringify(TORN)}]);
      if (${killInside}) process.kill(process.pid, 'SIGKILL');
    });
    process.kill(process.pid, 'SIGKILL');
  `;
}

async function runAndKill(moduleUrl: string, file: string, killInside: boolean): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', childScript(moduleUrl, file, killInside)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  expect({ code, signal, stderr }).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });
}

function contents(file: string): { integrity: string; rows: Record<string, number> } {
  const db = new Sqlite(file);
  try {
    const integrity = db.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check ?? '';
    const rows: Record<string, number> = {};
    for (const row of db.all<{ x: string; n: number }>('SELECT x, count(*) AS n FROM t GROUP BY x')) {
      rows[row.x.slice(0, 6)] = row.n;
    }
    return { integrity, rows };
  } finally {
    db.close();
  }
}

describe('the database of a localbox killed mid-write', () => {
  let root: string;
  let moduleUrl: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'localbox-db-crash-'));
    moduleUrl = pathToFileURL(await bundle('localbox/store/sqlite.ts', 'test/sqlite')).href;
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('opens intact with the interrupted transaction rolled back', async () => {
    const file = join(root, 'inside.sqlite');
    await runAndKill(moduleUrl, file, true);
    expect(contents(file)).toEqual({ integrity: 'ok', rows: { before: ROWS } });
  });

  it('keeps a transaction that committed just before the kill', async () => {
    const file = join(root, 'after.sqlite');
    await runAndKill(moduleUrl, file, false);
    const kept = ROWS - Math.floor(ROWS / 3) + 2 * ROWS;
    expect(contents(file)).toEqual({ integrity: 'ok', rows: { 'torn!!': kept } });
  });

  it('takes new writes after the crash and keeps them across a clean reopen', async () => {
    const file = join(root, 'again.sqlite');
    await runAndKill(moduleUrl, file, true);
    const db = new Sqlite(file);
    db.transaction(() => db.run('INSERT INTO t (x) VALUES (?)', [TORN]));
    db.close();
    expect(contents(file)).toEqual({ integrity: 'ok', rows: { before: ROWS, 'torn!!': 1 } });
  });
});
