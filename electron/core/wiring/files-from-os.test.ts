import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { decideFileFromOs, dropboxFolders, dropboxPathOf, infoJsonCandidates } from './files-from-os.ts';

const root = mkdtempSync(join(tmpdir(), 'opus-files-from-os-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A home whose Dropbox client keeps its folders at `personal` (and `business`), with a few files. */
function computer(name: string, info?: (home: string) => Record<string, unknown> | string) {
  const home = join(root, name);
  const dropbox = join(home, 'Dropbox');
  mkdirSync(join(dropbox, 'Notes'), { recursive: true });
  mkdirSync(join(home, 'Documents'), { recursive: true });
  writeFileSync(join(dropbox, 'Notes', 'todo.md'), '- milk\n');
  writeFileSync(join(home, 'Documents', 'draft.txt'), 'draft\n');
  if (info !== undefined) {
    mkdirSync(join(home, '.dropbox'));
    const written = info(home);
    const text = typeof written === 'string' ? written : JSON.stringify(written);
    writeFileSync(join(home, '.dropbox', 'info.json'), text);
  }
  const place = { home, env: {}, platform: 'linux' as const };
  return { home, dropbox, place };
}

const linux = { platform: 'linux' as const };

test('a file inside the Dropbox folder is its Dropbox path; one elsewhere is an upload', async () => {
  const { home, dropbox, place } = computer('inside', (home) => ({
    personal: { path: join(home, 'Dropbox') },
  }));
  const folders = await dropboxFolders(place);
  expect(folders).toEqual([dropbox]);
  expect(await decideFileFromOs(join(dropbox, 'Notes', 'todo.md'), folders, linux)).toEqual({
    kind: 'dropbox',
    path: '/Notes/todo.md',
  });
  const draft = join(home, 'Documents', 'draft.txt');
  expect(await decideFileFromOs(draft, folders, linux)).toEqual({ kind: 'upload', localPath: draft });
});

test('a relative path is taken from the working directory the OS gave', async () => {
  const { dropbox } = computer('relative');
  expect(await decideFileFromOs('Notes/todo.md', [dropbox], { ...linux, workingDirectory: dropbox })).toEqual(
    {
      kind: 'dropbox',
      path: '/Notes/todo.md',
    },
  );
});

test('.. and symlinks are resolved: a link inside Dropbox to a file outside is an upload, and back', async () => {
  const { home, dropbox } = computer('links');
  writeFileSync(join(home, 'secret.txt'), 'not in Dropbox\n');
  const escaping = join(dropbox, 'Notes', '..', '..', 'secret.txt');
  expect(await decideFileFromOs(escaping, [dropbox], linux)).toMatchObject({ kind: 'upload' });
  symlinkSync(join(home, 'secret.txt'), join(dropbox, 'link-out.txt'));
  expect(await decideFileFromOs(join(dropbox, 'link-out.txt'), [dropbox], linux)).toMatchObject({
    kind: 'upload',
  });
  symlinkSync(join(dropbox, 'Notes', 'todo.md'), join(home, 'Desktop-todo.md'));
  expect(await decideFileFromOs(join(home, 'Desktop-todo.md'), [dropbox], linux)).toEqual({
    kind: 'dropbox',
    path: '/Notes/todo.md',
  });
  // A sibling whose name starts like the Dropbox folder's is not inside it.
  mkdirSync(join(home, 'Dropbox-old'));
  writeFileSync(join(home, 'Dropbox-old', 'a.txt'), 'old\n');
  expect(await decideFileFromOs(join(home, 'Dropbox-old', 'a.txt'), [dropbox], linux)).toMatchObject({
    kind: 'upload',
  });
});

test('a folder or a missing file is refused, not opened', async () => {
  const { dropbox } = computer('refused');
  expect(await decideFileFromOs(join(dropbox, 'Notes'), [dropbox], linux)).toEqual({
    kind: 'refused',
    localPath: join(dropbox, 'Notes'),
    reason: 'not_a_file',
  });
  expect(await decideFileFromOs(join(dropbox, 'gone.txt'), [dropbox], linux)).toMatchObject({
    kind: 'refused',
    reason: 'missing',
  });
});

test('the business folder counts too, and a folder nested in another names the file by the nearer', async () => {
  const { dropbox, place } = computer('business', (home) => ({
    personal: { path: join(home, 'Dropbox'), host: 1, is_team: false, subscription_type: 'Basic' },
    business: { path: join(home, 'Dropbox', 'Acme'), host: 2, is_team: true, subscription_type: 'Business' },
  }));
  mkdirSync(join(dropbox, 'Acme', 'Plans'), { recursive: true });
  writeFileSync(join(dropbox, 'Acme', 'Plans', 'q3.txt'), 'q3\n');
  const folders = await dropboxFolders(place);
  expect(folders).toEqual([dropbox, join(dropbox, 'Acme')]);
  expect(await decideFileFromOs(join(dropbox, 'Acme', 'Plans', 'q3.txt'), folders, linux)).toEqual({
    kind: 'dropbox',
    path: '/Plans/q3.txt',
  });
});

test('without the Dropbox client (no info.json, or a damaged one) every file is an upload', async () => {
  const missing = computer('no-client');
  expect(await dropboxFolders(missing.place)).toEqual([]);
  const damaged = computer('damaged', () => '{"personal": ');
  expect(await dropboxFolders(damaged.place)).toEqual([]);
  const draft = join(missing.dropbox, 'Notes', 'todo.md');
  expect(await decideFileFromOs(draft, [], linux)).toEqual({ kind: 'upload', localPath: draft });
});

test('Windows and macOS compare without case, keeping the file’s own spelling; Linux does not', () => {
  const windowsFolder = 'C:\\Users\\Ada\\Dropbox';
  expect(dropboxPathOf('c:\\users\\ada\\DROPBOX\\Notes\\To Do.md', [windowsFolder], 'win32')).toBe(
    '/Notes/To Do.md',
  );
  expect(dropboxPathOf('C:/Users/Ada/Dropbox/Notes/todo.md', [windowsFolder], 'win32')).toBe(
    '/Notes/todo.md',
  );
  expect(dropboxPathOf('D:\\Dropbox\\todo.md', [windowsFolder], 'win32')).toBeNull();
  expect(dropboxPathOf('/Users/ada/dropbox/Notes/todo.md', ['/Users/ada/Dropbox'], 'darwin')).toBe(
    '/Notes/todo.md',
  );
  expect(dropboxPathOf('/home/ada/dropbox/Notes/todo.md', ['/home/ada/Dropbox'], 'linux')).toBeNull();
  // The folder itself is no file in it.
  expect(dropboxPathOf('/home/ada/Dropbox', ['/home/ada/Dropbox'], 'linux')).toBeNull();
});

test('info.json is looked for where the client writes it on each system', () => {
  expect(infoJsonCandidates({ home: '/home/ada', env: {}, platform: 'linux' })).toEqual([
    '/home/ada/.dropbox/info.json',
  ]);
  expect(infoJsonCandidates({ home: '/Users/ada', env: {}, platform: 'darwin' })).toEqual([
    '/Users/ada/.dropbox/info.json',
  ]);
  const env = { APPDATA: 'C:\\Users\\Ada\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\Ada\\AppData\\Local' };
  expect(infoJsonCandidates({ home: 'C:\\Users\\Ada', env, platform: 'win32' })).toEqual([
    'C:\\Users\\Ada\\AppData\\Roaming\\Dropbox\\info.json',
    'C:\\Users\\Ada\\AppData\\Local\\Dropbox\\info.json',
  ]);
});
