import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/*
 * The account's files are its owner's alone: folders 0700, files 0600, whatever the umask (SECURITY.md).
 * A mode given to mkdir or open passes through the umask, so each is chmod-ed after too. The core keeps
 * its own copy (electron/core/private-files.ts): localbox may not import the core nor the core localbox,
 * and electron/common/, which both could read, may not use `node:` modules (ARCHITECTURE.md, the rules).
 */

export const PRIVATE_FOLDER = 0o700;
export const PRIVATE_FILE = 0o600;

// Windows keeps only a read-only bit; what protects the data there is the profile folder's ACL.
const onWindows = process.platform === 'win32';

/** chmod, except on Windows, where it means little and may fail. */
export function restrictTo(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (error) {
    if (!onWindows) throw error;
  }
}

/** Creates `path` (and any missing parent) as a folder only this user can open. */
export function makePrivateFolder(path: string): void {
  const first = mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER });
  if (first === undefined) return;
  const top = resolve(first);
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    restrictTo(folder, PRIVATE_FOLDER);
    if (folder === top || dirname(folder) === folder) return;
  }
}

/** Narrows a file just opened (created with PRIVATE_FILE, which the umask may have changed). */
export async function restrictHandle(handle: FileHandle): Promise<void> {
  try {
    await handle.chmod(PRIVATE_FILE);
  } catch (error) {
    if (!onWindows) throw error;
  }
}

/**
 * Removes the group's and others' bits from `root` and everything in it (a localbox before this rule, or
 * a copied folder, left them readable); returns what it narrowed. Symbolic links are neither followed nor
 * changed, and what cannot be changed (another user's file) is left as it is rather than stopping the start.
 */
export function narrowPrivateTree(root: string): string[] {
  if (onWindows) return [];
  const narrowed: string[] = [];
  const visit = (path: string): void => {
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (!info || !(info.isDirectory() || info.isFile())) return;
    if ((info.mode & 0o077) !== 0) {
      try {
        chmodSync(path, info.mode & 0o700);
        narrowed.push(path);
      } catch {}
    }
    if (!info.isDirectory()) return;
    let names: string[] = [];
    try {
      names = readdirSync(path);
    } catch {}
    for (const name of names) visit(join(path, name));
  };
  visit(root);
  return narrowed;
}
