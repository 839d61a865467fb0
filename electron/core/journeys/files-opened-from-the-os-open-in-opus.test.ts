import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';

// This computer: a home whose Dropbox desktop client syncs into ~/Dropbox (its info.json says so).
const home = mkdtempSync(join(tmpdir(), 'opus-os-files-'));
const dropboxFolder = join(home, 'Dropbox');
mkdirSync(join(dropboxFolder, 'Notes'), { recursive: true });
mkdirSync(join(home, '.dropbox'));
writeFileSync(join(home, '.dropbox', 'info.json'), JSON.stringify({ personal: { path: dropboxFolder } }));

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench({ core: { dropboxClient: { home, env: {}, platform: 'linux' } } });
});
afterAll(async () => {
  await bench.stop();
  rmSync(home, { recursive: true, force: true });
});

test('a file opened from the OS inside the Dropbox folder opens as its Dropbox file, at Dropbox’s rev', async () => {
  const put = await bench.put('/Notes/todo.md', '- milk\n- eggs\n');
  // The desktop client has synced it (older words would not matter: the open reads Dropbox's).
  writeFileSync(join(dropboxFolder, 'Notes', 'todo.md'), '- milk\n- eggs\n');
  const { core, events } = bench.opus;
  events.clear();

  // Given as the first launch's argv is: relative to the folder the OS started Opus in.
  await core.filesFromOs.receive(['Notes/todo.md'], dropboxFolder);
  expect(await events.waitFor('filesFromOs')).toEqual({ waiting: 1 });

  const taken = await bench.opus.call('takeFilesFromOs', {});
  expect(taken).toEqual([{ kind: 'dropbox', path: '/Notes/todo.md' }]);
  const opened = await bench.opus.open((taken[0] as { path: string }).path);
  expect(opened.text).toBe('- milk\n- eggs\n');
  expect(opened.remote.rev).toBe(put.rev);
  // Taken once: a second page (or a reload) does not open it again.
  expect(await bench.opus.call('takeFilesFromOs', {})).toEqual([]);
});

test('files that arrive before the page asks wait, in order: a local one as an upload choice, a folder refused', async () => {
  const draft = join(home, 'draft.txt');
  writeFileSync(draft, 'working draft\n');
  await bench.opus.core.filesFromOs.receive([draft]);
  await bench.opus.core.filesFromOs.receive([join(dropboxFolder, 'Notes'), join(home, 'gone.txt')]);

  const taken = await bench.opus.call('takeFilesFromOs', {});
  expect(taken).toEqual([
    { kind: 'upload', choice: expect.any(String), name: 'draft.txt', size: 14 },
    { kind: 'refused', name: 'Notes', reason: 'not_a_file' },
    { kind: 'refused', name: 'gone.txt', reason: 'missing' },
  ]);
  // The choice is the one the Upload dialog sends, as if picked in the native dialog.
  const choice = (taken[0] as { choice: string }).choice;
  const uploaded = await bench.opus.call('uploadLocalFile', {
    targetPath: '/magnum-opus.txt',
    source: { kind: 'choice', choice },
  });
  expect(uploaded.path).toBe('/magnum-opus.txt');
  expect((await bench.get('/magnum-opus.txt')).toString()).toBe('working draft\n');
});
