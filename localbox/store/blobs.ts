import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateFolder } from './private-files.ts';

const HASH = /^[0-9a-f]{64}$/;

/**
 * File bytes, addressed by their content_hash. Every blob reaches its final name by rename after an
 * fsync, so a crash leaves either the whole blob or only a temp file, never half a blob.
 * No name here ever comes from a request: blobs are named by hashes we computed, temp files by us.
 */
export class BlobStore {
  readonly tmpDir: string;
  private readonly blobDir: string;

  constructor(dataDir: string) {
    this.tmpDir = join(dataDir, 'tmp');
    this.blobDir = join(dataDir, 'blobs');
    makePrivateFolder(this.blobDir);
    // Temp files are bodies whose request never completed; nothing refers to them.
    rmSync(this.tmpDir, { recursive: true, force: true });
    makePrivateFolder(this.tmpDir);
  }

  newTempPath(): string {
    return join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
  }

  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new Error(`not a content hash: ${hash}`);
    return join(this.blobDir, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return existsSync(this.pathOf(hash));
  }

  /** Moves an fsynced temp file to its content address; an identical blob already there wins. */
  adopt(tempPath: string, hash: string): void {
    const target = this.pathOf(hash);
    if (existsSync(target)) {
      rmSync(tempPath, { force: true });
      return;
    }
    const folder = join(this.blobDir, hash.slice(0, 2));
    makePrivateFolder(folder);
    renameSync(tempPath, target);
    syncDirectory(folder);
  }

  /** Removes blobs nothing refers to (left by a crash between rename and commit). */
  sweep(referenced: Set<string>): number {
    let removed = 0;
    for (const prefix of readdirSync(this.blobDir)) {
      for (const name of readdirSync(join(this.blobDir, prefix))) {
        if (!referenced.has(name)) {
          rmSync(join(this.blobDir, prefix, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

export function syncDirectory(folder: string): void {
  // Directory fsync makes a rename durable on Linux; Windows cannot open directories, and needs none.
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
