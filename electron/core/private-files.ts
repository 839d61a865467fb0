import * as fs from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/*
 * Opus's data (unsaved text, kept versions, settings, the vault, an embedded localbox's files) is the
 * user's alone: folders 0700, files 0600, whatever the umask (SECURITY.md). A mode given to mkdir or
 * open passes through the umask, which may strip more than it should, so each is chmod-ed after too.
 * localbox keeps its own copy of these few lines (localbox/store/private-files.ts): the core may not
 * import localbox, localbox may not import the core, and electron/common/ may not use `node:` modules.
 */

export const PRIVATE_FOLDER = 0o700;
export const PRIVATE_FILE = 0o600;

// Windows keeps only a read-only bit; what protects the data there is the profile folder's ACL.
const onWindows = process.platform === 'win32';

async function setMode(path: string, mode: number): Promise<void> {
  try {
    await fs.chmod(path, mode);
  } catch (error) {
    if (!onWindows) throw error;
  }
}

/** Creates `path` (and any missing parent) as a folder only this user can open. */
export async function makePrivateFolder(path: string): Promise<void> {
  const first = await fs.mkdir(path, { recursive: true, mode: PRIVATE_FOLDER });
  if (first === undefined) return;
  const top = resolve(first);
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    await setMode(folder, PRIVATE_FOLDER);
    if (folder === top || dirname(folder) === folder) return;
  }
}

/** Writes a file only this user can read; an existing file (flag 'w') is narrowed too. */
export async function writePrivateFile(
  path: string,
  data: string | Uint8Array,
  options: { flag?: string } = {},
): Promise<void> {
  await fs.writeFile(path, data, { ...options, mode: PRIVATE_FILE });
  await setMode(path, PRIVATE_FILE);
}

/** Opens (creating if the flags say so) a file only this user can read, narrowing it through the handle. */
export async function openPrivateFile(path: string, flags: string): Promise<fs.FileHandle> {
  const handle = await fs.open(path, flags, PRIVATE_FILE);
  try {
    await handle.chmod(PRIVATE_FILE);
  } catch (error) {
    if (!onWindows) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

/**
 * Removes the group's and others' bits from `root` and everything in it (an older Opus, or a
 * copied folder, left them readable); returns what it narrowed. Symbolic links are neither followed nor
 * changed: a link to elsewhere is not ours to narrow.
 */
export async function narrowPrivateTree(root: string): Promise<string[]> {
  if (onWindows) return [];
  const narrowed: string[] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await fs.lstat(path).catch(() => null);
    if (!info || !(info.isDirectory() || info.isFile())) return;
    // Not ours to change (another user's file, EPERM): left as it is rather than stopping the start.
    if (
      (info.mode & 0o077) !== 0 &&
      (await fs.chmod(path, info.mode & 0o700).then(
        () => true,
        () => false,
      ))
    )
      narrowed.push(path);
    if (info.isDirectory())
      for (const name of await fs.readdir(path).catch(() => [])) await visit(join(path, name));
  };
  await visit(root);
  return narrowed;
}

/** The one line a start says when it narrowed anything. */
export function narrowedLine(who: string, root: string, narrowed: string[]): string {
  return `${who}: ${root} was readable by other users; narrowed ${narrowed.length} entr${narrowed.length === 1 ? 'y' : 'ies'} to this user only`;
}
