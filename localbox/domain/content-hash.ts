import { createHash, type Hash } from 'node:crypto';

/** Dropbox hashes files in 4 MiB blocks: SHA-256 of each block, then SHA-256 of the concatenated digests. */
export const CONTENT_HASH_BLOCK = 4 * 1024 * 1024;

/** Incremental content_hash, so bodies can be hashed while they stream to disk. */
export class ContentHasher {
  private readonly overall: Hash = createHash('sha256');
  private block: Hash = createHash('sha256');
  private inBlock = 0;

  update(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(CONTENT_HASH_BLOCK - this.inBlock, chunk.length - offset);
      this.block.update(chunk.subarray(offset, offset + take));
      this.inBlock += take;
      offset += take;
      if (this.inBlock === CONTENT_HASH_BLOCK) this.closeBlock();
    }
  }

  /** Lowercase hex; an empty input has no blocks, so it is SHA-256 of nothing. */
  digest(): string {
    if (this.inBlock > 0) this.closeBlock();
    return this.overall.digest('hex');
  }

  private closeBlock(): void {
    this.overall.update(this.block.digest());
    this.block = createHash('sha256');
    this.inBlock = 0;
  }
}

export function contentHash(bytes: Uint8Array): string {
  const hasher = new ContentHasher();
  hasher.update(bytes);
  return hasher.digest();
}
