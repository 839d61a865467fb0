import { createHash } from 'node:crypto';

/** Dropbox hashes files in blocks of 4 MiB; upload-session chunks are multiples of it for the same reason. */
export const CONTENT_HASH_BLOCK = 4 * 1024 * 1024;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/**
 * Dropbox's content_hash: SHA-256 of the concatenated SHA-256 digests of each 4 MiB block, in lowercase hex
 * (https://www.dropbox.com/developers/reference/content-hash). Not the file's plain SHA-256: even a file of
 * one block hashes twice. The SDK 10.47 computes it for no route (its check compares the wrong route name),
 * so every upload request sends this value itself.
 */
export function contentHash(bytes: Uint8Array): string {
  return contentHashOfBlocks(blockHashes(bytes));
}

/** The SHA-256 of each 4 MiB block: the expensive half of a content_hash, worth computing only once. */
export function blockHashes(bytes: Uint8Array): Buffer[] {
  const blocks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += CONTENT_HASH_BLOCK) {
    blocks.push(sha256(bytes.subarray(offset, offset + CONTENT_HASH_BLOCK)));
  }
  return blocks;
}

/**
 * The content_hash of consecutive blocks: the whole file's from all of them, or an upload-session
 * chunk's (chunks are whole blocks but the last) from its own, with no byte hashed twice.
 */
export function contentHashOfBlocks(blocks: readonly Buffer[]): string {
  return sha256(Buffer.concat(blocks)).toString('hex');
}
