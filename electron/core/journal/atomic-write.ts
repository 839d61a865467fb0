import { join } from 'node:path';
import { tempFileName } from './journal-files.ts';
import type { JournalFs } from './journal-fs.ts';

/**
 * Replaces `folder/name` with `data` so that a crash at any moment leaves either the old file or the new
 * one, never a torn mix: write a temp file in the same folder, fsync it, rename it over. When this
 * rejects, the old file is untouched; the rename is durable only once the caller fsyncs the folder.
 * `inFlight` holds the temp file's name meanwhile, so recovery never deletes a temp file still in use.
 */
export async function replaceFile(
  fs: JournalFs,
  folder: string,
  name: string,
  data: string,
  inFlight: Set<string>,
): Promise<void> {
  const temp = tempFileName(name);
  const tempPath = join(folder, temp);
  inFlight.add(temp);
  try {
    const file = await fs.create(tempPath);
    try {
      await file.write(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(tempPath, join(folder, name));
  } catch (error) {
    await fs.remove(tempPath).catch(() => undefined);
    throw error;
  } finally {
    inFlight.delete(temp);
  }
}
