import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Journal } from './journal.ts';
import { entryFileName } from './journal-files.ts';
import { entry, tempFolder } from './journal-test-kit.ts';

let folder: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ folder, remove } = await tempFolder());
});
afterEach(() => remove());

test('a crash mid-write leaves a temp file: recovery ignores it, deletes it, and keeps the last good entry', async () => {
  const journal = new Journal(folder);
  const good = entry('doc-1', 'the last complete write');
  await journal.write(good);
  const torn = `${entryFileName('doc-1')}.3f2a-crashed.tmp`;
  await writeFile(join(folder, torn), '{"version":1,"entry":{"documentId":"doc-1","text":"half a wri');
  expect(await new Journal(folder).readAll()).toEqual([good]);
  expect(await readdir(folder)).toEqual([entryFileName('doc-1')]);
});

test('a file that does not parse is moved aside to *.corrupt, and the others still load', async () => {
  const journal = new Journal(folder);
  const good = entry('doc-ok', 'fine');
  await journal.write(good);
  await writeFile(join(folder, entryFileName('doc-bad')), 'not json at all {');
  expect(await journal.readAll()).toEqual([good]);
  const names = await readdir(folder);
  const aside = names.find((name) => name.endsWith('.corrupt'));
  expect(aside?.startsWith(entryFileName('doc-bad'))).toBe(true);
  expect(await readFile(join(folder, aside ?? ''), 'utf8')).toBe('not json at all {');
  expect(names).not.toContain(entryFileName('doc-bad'));
  // Once aside, it stays out of the way.
  expect(await journal.readAll()).toEqual([good]);
});

test('a file failing the schema check is moved aside too', async () => {
  const broken = { version: 1, entry: { ...entry('doc-1', 'x'), savedAt: 'yesterday', baseRev: 42 } };
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, entryFileName('doc-1')), JSON.stringify(broken));
  await writeFile(
    join(folder, entryFileName('doc-2')),
    JSON.stringify({ version: 99, entry: entry('doc-2', 'x') }),
  );
  expect(await new Journal(folder).readAll()).toEqual([]);
  expect((await readdir(folder)).filter((name) => name.endsWith('.corrupt'))).toHaveLength(2);
});

test("an entry stored under another document's name is set aside (a save could never clear it)", async () => {
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, entryFileName('doc-1')),
    JSON.stringify({ version: 1, entry: entry('doc-2', 'x') }),
  );
  expect(await new Journal(folder).readAll()).toEqual([]);
  expect((await readdir(folder)).some((name) => name.endsWith('.corrupt'))).toBe(true);
});

test('no journal folder yet, or foreign files in it: nothing to recover, no error', async () => {
  expect(await new Journal(folder).readAll()).toEqual([]);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, '.DS_Store'), 'finder junk');
  expect(await new Journal(folder).readAll()).toEqual([]);
  expect(await readdir(folder)).toEqual(['.DS_Store']);
});

test('entries come back oldest first', async () => {
  const journal = new Journal(folder);
  await journal.write(entry('late', 'b', { savedAt: '2026-11-27T12:00:05.000Z' }));
  await journal.write(entry('early', 'a', { savedAt: '2026-11-27T13:00:00+02:00' }));
  expect((await journal.readAll()).map((e) => e.documentId)).toEqual(['early', 'late']);
});

test('a write queued during recovery lands after it, so recovery never sets aside a fresh entry', async () => {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, entryFileName('doc-1')), 'garbage');
  const journal = new Journal(folder);
  const recovering = journal.readAll();
  const fresh = entry('doc-1', 'typed after start');
  const writing = journal.write(fresh);
  expect(await recovering).toEqual([]);
  await writing;
  expect(await journal.readAll()).toEqual([fresh]);
});
