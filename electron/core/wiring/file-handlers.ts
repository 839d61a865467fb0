import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BrowserEntry } from '../../common/contract/shapes.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import type { RemoteEntry } from '../dropbox/remote-file.ts';
import { OpusError } from '../errors.ts';
import type { Handlers } from './dispatch.ts';
import type { LocalChoices } from './local-choices.ts';

type FileHandlers = Pick<Handlers, 'listFolder' | 'createFolder' | 'uploadLocalFile' | 'downloadToComputer'>;

function browserEntry(entry: RemoteEntry): BrowserEntry | null {
  if (entry.kind === 'folder')
    return { kind: 'folder', name: entry.name, path: entry.path, pathLower: entry.pathLower };
  if (entry.kind === 'file') {
    return {
      kind: 'file',
      name: entry.name,
      path: entry.path,
      pathLower: entry.pathLower,
      size: entry.size,
      serverModified: entry.serverModified,
      rev: entry.rev,
    };
  }
  return null;
}

/** Folders first, then files, each by name as people sort them. */
const byKindThenName = (a: BrowserEntry, b: BrowserEntry) =>
  (a.kind === b.kind ? 0 : a.kind === 'folder' ? -1 : 1) ||
  a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

/** Writes a downloaded file next to its target, then renames it into place: never a half-written file. */
async function writeLocalFile(target: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.opus-download`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new OpusError(
      'local_io',
      `Could not write ${target}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
    );
  }
}

export function fileHandlers(gateway: () => Gateway, choices: LocalChoices): FileHandlers {
  return {
    listFolder: async ({ path, cursor }) => {
      const page = cursor ? await gateway().listFolderContinue(cursor) : await gateway().listFolder(path);
      const entries = page.entries.map(browserEntry).filter((entry): entry is BrowserEntry => entry !== null);
      return { entries: entries.sort(byKindThenName), cursor: page.cursor, hasMore: page.hasMore };
    },
    createFolder: async ({ path }) => {
      const folder = await gateway().createFolder(path);
      return { kind: 'folder', name: folder.name, path: folder.path, pathLower: folder.pathLower };
    },
    uploadLocalFile: async ({ targetPath, source }) => {
      let bytes: Buffer;
      if (source.kind === 'choice') {
        const path = choices.take(source.choice, 'read');
        bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
          throw new OpusError('local_io', `Could not read ${path}: ${error.code ?? 'error'}.`);
        });
      } else {
        bytes = Buffer.from(source.base64, 'base64');
      }
      return gateway().upload(targetPath, bytes, {
        mode: { kind: 'add' },
        autorename: false,
        strictConflict: true,
      });
    },
    downloadToComputer: async ({ path, choice }) => {
      // Taken before the download: a stale choice fails at once, not after the bytes came.
      const localPath = choice ? choices.take(choice, 'write') : null;
      const { file, bytes } = await gateway().download(path);
      if (localPath) {
        await writeLocalFile(localPath, bytes);
        return { name: file.name, size: bytes.length };
      }
      return { name: file.name, size: bytes.length, base64: Buffer.from(bytes).toString('base64') };
    },
  };
}
