import { describe, expect, it, test } from 'vitest';
import { CONTENT_HASH_BLOCK, contentHash } from './content-hash.ts';

// Values checked against Dropbox's published example and its reference hasher
// (https://www.dropbox.com/developers/reference/content-hash, dropbox/dropbox-api-content-hasher):
// blocks of 4 MiB, and the empty file's hash is SHA-256 of nothing.
describe('contentHash', () => {
  it('hashes blocks, not the file: empty, one short block, one full block, a block and a byte', () => {
    expect(contentHash(new Uint8Array(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(contentHash(new TextEncoder().encode('hello\n'))).toBe(
      'ecb65bb98f9d905b70458986c39fcbad7715e5f2fcc3b1f07767d7c83e2438cc',
    );
    expect(contentHash(Buffer.alloc(CONTENT_HASH_BLOCK, 'a'))).toBe(
      '907a506cf5e706bda5c7a29b43c9c65d8344bd2fa2f22339b359c214812af5a1',
    );
    expect(contentHash(Buffer.alloc(CONTENT_HASH_BLOCK + 1, 'a'))).toBe(
      '5f858b62ccd88447586305aec6fd53c96747cfebf527cbba129a6dfed47d9624',
    );
  });

  it('reads only the view it is given', () => {
    const whole = Buffer.from('xxhello\nyy');
    expect(contentHash(whole.subarray(2, 8))).toBe(contentHash(Buffer.from('hello\n')));
  });
});

test('an upload-session chunk’s content_hash comes from the file’s block hashes, no byte hashed twice', async () => {
  const { blockHashes, CONTENT_HASH_BLOCK, contentHash, contentHashOfBlocks } = await import(
    './content-hash.ts'
  );
  const bytes = Buffer.alloc(CONTENT_HASH_BLOCK * 3 + 12345);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i / 4096) % 251;
  const blocks = blockHashes(bytes);
  expect(contentHashOfBlocks(blocks)).toBe(contentHash(bytes));
  expect(contentHashOfBlocks(blocks.slice(0, 2))).toBe(
    contentHash(bytes.subarray(0, 2 * CONTENT_HASH_BLOCK)),
  );
  expect(contentHashOfBlocks(blocks.slice(2, 4))).toBe(contentHash(bytes.subarray(2 * CONTENT_HASH_BLOCK)));
  expect(contentHashOfBlocks([])).toBe(contentHash(new Uint8Array(0)));
});
