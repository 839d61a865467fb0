import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { makePrivateFolder, writePrivateFile } from '../private-files.ts';
import type { LocalHistoryPort } from './context.ts';

/**
 * Keeps the user's own text when they choose "Take theirs", so the choice never destroys anything.
 * One file per kept version, named by time, a hash of the Dropbox path, and the file's name.
 */
export class LocalHistory implements LocalHistoryPort {
  constructor(private readonly folder: string) {}

  async keep(path: string, text: string, when: Date): Promise<void> {
    await makePrivateFolder(this.folder);
    const stamp = when.toISOString().replace(/[:.]/g, '-');
    const tag = createHash('sha256').update(path.toLowerCase()).digest('hex').slice(0, 12);
    const name = (path.split('/').pop() ?? 'document').replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 100);
    await writePrivateFile(join(this.folder, `${stamp}-${tag}-${name}`), text, { flag: 'wx' });
  }
}
