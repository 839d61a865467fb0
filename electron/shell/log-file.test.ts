import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { logFile } from './log-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'opus-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the log keeps timestamped lines, moves aside past 5 MB, and never throws', () => {
  const folder = join(dir, 'logs');
  const log = logFile(folder, () => new Date('2026-11-30T10:00:00.000Z'));
  log('opus: started');
  expect(readFileSync(join(folder, 'main.log'), 'utf8')).toBe('2026-11-30T10:00:00.000Z opus: started\n');

  writeFileSync(join(folder, 'main.log'), 'x'.repeat(5 * 1024 * 1024 + 1));
  const next = logFile(folder);
  next('after the rotation');
  expect(statSync(join(folder, 'main.old.log')).size).toBe(5 * 1024 * 1024 + 1);
  expect(readFileSync(join(folder, 'main.log'), 'utf8')).toMatch(/ after the rotation\n$/);

  // A folder that cannot be made (a file is in the way): the line is dropped, nothing thrown.
  writeFileSync(join(dir, 'blocked'), '');
  expect(() => logFile(join(dir, 'blocked', 'logs'))('lost')).not.toThrow();
});

test('the log folder and file are the user’s alone, whatever the umask', () => {
  const before = process.umask(0o000);
  try {
    const folder = join(mkdtempSync(join(tmpdir(), 'opus-log-')), 'logs');
    logFile(folder)('a line');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, 'main.log')).mode & 0o777).toBe(0o600);
  } finally {
    process.umask(before);
  }
});
