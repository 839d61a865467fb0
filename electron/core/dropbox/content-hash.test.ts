import { describe, expect, it } from 'vitest';
import { CONTENT_HASH_BLOCK, contentHash } from './content-hash.ts';

// Values from dropbox-api-v2.md §2, checked there against Dropbox's published example and its SDK.
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
