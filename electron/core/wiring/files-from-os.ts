// A file the OS asks Opus to open (a double-click, "Open With", a path on the command line): where it
// goes. One inside the Dropbox desktop client's folder is that Dropbox file, opened through the API like
// any other open; one elsewhere is offered for upload; anything that is not a file is refused.
import { readFile, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export type FileFromOs =
  | { kind: 'dropbox'; path: string }
  | { kind: 'upload'; localPath: string }
  | { kind: 'refused'; localPath: string; reason: 'missing' | 'not_a_file' };

/** Where the Dropbox desktop client says its folders are: injectable so tests give their own. */
export interface DropboxClientPlace {
  home: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

export const thisComputer = (): DropboxClientPlace => ({
  home: homedir(),
  env: process.env,
  platform: process.platform,
});

const pathsFor = (platform: NodeJS.Platform) => (platform === 'win32' ? win32 : posix);

/**
 * The client's info.json: `~/.dropbox/info.json` on macOS and Linux, `%APPDATA%\Dropbox\info.json` or
 * `%LOCALAPPDATA%\Dropbox\info.json` on Windows (help.dropbox.com, "locate Dropbox folder").
 */
export function infoJsonCandidates({ home, env, platform }: DropboxClientPlace): string[] {
  const paths = pathsFor(platform);
  if (platform !== 'win32') return [paths.join(home, '.dropbox', 'info.json')];
  return [env.APPDATA, env.LOCALAPPDATA]
    .filter((dir): dir is string => !!dir)
    .map((dir) => paths.join(dir, 'Dropbox', 'info.json'));
}

/**
 * The personal and business folders the first readable info.json names (`{"personal": {"path": …},
 * "business": {"path": …}}`). None when the client is not installed or the file is damaged: every file
 * is then a local one.
 */
export async function dropboxFolders(place: DropboxClientPlace): Promise<string[]> {
  for (const file of infoJsonCandidates(place)) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    try {
      const info = JSON.parse(text) as Record<string, { path?: unknown } | undefined>;
      return [info.personal?.path, info.business?.path].filter(
        (path): path is string => typeof path === 'string' && path.length > 0,
      );
    } catch {
      return [];
    }
  }
  return [];
}

/**
 * The Dropbox path of `file` when it lies inside one of `folders` (both already real, absolute paths),
 * else null. Windows and macOS compare without case, as their file systems do; Dropbox itself ignores
 * case, so the rest keeps the local spelling.
 */
export function dropboxPathOf(
  file: string,
  folders: readonly string[],
  platform: NodeJS.Platform,
): string | null {
  const paths = pathsFor(platform);
  const fold =
    platform === 'win32' || platform === 'darwin' ? (s: string) => s.toLowerCase() : (s: string) => s;
  const normal = paths.normalize(file);
  let best: string | null = null;
  for (const folder of folders) {
    const relative = paths.relative(fold(paths.normalize(folder)), fold(normal));
    if (!relative || relative.startsWith('..') || paths.isAbsolute(relative)) continue;
    // The file's own spelling of the names below the folder (folding may change a name's length).
    const depth = relative.split(paths.sep).length;
    const path = `/${normal.split(paths.sep).slice(-depth).join('/')}`;
    // A folder inside another (a business folder in the personal one): the nearer one names the file.
    if (best === null || path.length < best.length) best = path;
  }
  return best;
}

/**
 * Where `localPath` (relative paths are taken from `workingDirectory`) goes. Symlinks and `..` are
 * resolved first, on both sides, so a link inside the Dropbox folder to a file outside it is an upload,
 * and a link outside it to a Dropbox file is that Dropbox file.
 */
export async function decideFileFromOs(
  localPath: string,
  folders: readonly string[],
  options: { platform: NodeJS.Platform; workingDirectory?: string },
): Promise<FileFromOs> {
  const absolute = pathsFor(options.platform).resolve(options.workingDirectory ?? process.cwd(), localPath);
  const found = await stat(absolute).catch(() => null);
  if (!found) return { kind: 'refused', localPath: absolute, reason: 'missing' };
  if (!found.isFile()) return { kind: 'refused', localPath: absolute, reason: 'not_a_file' };
  const real = await realpath(absolute);
  const realFolders = await Promise.all(folders.map((folder) => realpath(folder).catch(() => folder)));
  const path = dropboxPathOf(real, realFolders, options.platform);
  return path ? { kind: 'dropbox', path } : { kind: 'upload', localPath: absolute };
}
