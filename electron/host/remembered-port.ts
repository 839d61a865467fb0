import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makePrivateFolder, writePrivateFile } from '../core/private-files.ts';

/**
 * Listens on the port the last launch used, when it is free, else on any: the page's origin then stays
 * the same across restarts, so what a page kept in its IndexedDB while the helper was gone
 * (renderer/state/kept-texts.ts) is there for the restarted one's page.
 */
export async function listenOnRememberedPort<T extends { origin: string }>(
  file: string,
  listen: (port: number) => Promise<T>,
): Promise<T> {
  const remembered = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  let started: T | null = null;
  if (Number.isInteger(remembered) && remembered > 0 && remembered < 65536) {
    started = await listen(remembered).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') return null;
      throw error;
    });
  }
  started ??= await listen(0);
  const port = new URL(started.origin).port;
  await makePrivateFolder(dirname(file));
  await writePrivateFile(file, `${port}\n`);
  return started;
}
