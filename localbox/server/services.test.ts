import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startTestLocalbox } from '../test-support/localbox.ts';

let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every entry of the data folder with its mode: "/blobs 700". */
function modes(): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const info = lstatSync(path);
    found.push(`${path.slice(dataDir.length) || '/'} ${(info.mode & 0o777).toString(8)}`);
    if (info.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dataDir);
  return found;
}

/** What a localbox before the 0700/0600 rule left under umask 022. */
function widen(path: string) {
  const info = lstatSync(path);
  chmodSync(path, info.isDirectory() ? 0o755 : 0o644);
  if (info.isDirectory()) for (const name of readdirSync(path)) widen(join(path, name));
}

test('a data folder an older localbox left readable by others is narrowed at start, said in one line, once', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'localbox-services-'));
  const first = await startTestLocalbox({ dataDir });
  await first.client().filesUpload({ path: '/notes.txt', contents: 'private words' });
  await first.stop();
  widen(dataDir);
  const widened = modes().length;

  const lines: string[] = [];
  const second = await startTestLocalbox({ dataDir, logLevel: 'info', log: (line) => lines.push(line) });
  await second.stop();
  expect(lines).toEqual([
    `localbox: ${dataDir} was readable by other users; narrowed ${widened} entries to this user only`,
  ]);
  expect(modes().filter((entry) => !/ [67]00$/.test(entry))).toEqual([]);

  lines.length = 0;
  const third = await startTestLocalbox({ dataDir, logLevel: 'info', log: (line) => lines.push(line) });
  await third.stop();
  expect(lines).toEqual([]);
});
