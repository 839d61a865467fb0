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
