import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64.ts';

const randomBytes = (length: number) => {
  const bytes = new Uint8Array(length);
  for (let start = 0; start < length; start += 65536) {
    crypto.getRandomValues(bytes.subarray(start, start + 65536));
  }
  return bytes;
};

/** The obvious encoding, one binary string for the whole file: right, but only for small files. */
const reference = (bytes: Uint8Array) =>
  btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));

const sameBytes = (a: Uint8Array, b: Uint8Array) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

describe('files carried as base64', () => {
  it('encode as one btoa of the whole file would, at every chunk boundary', () => {
    for (const length of [0, 1, 2, 3, 4, 49151, 49152, 49153, 98304, 100_000]) {
      const bytes = randomBytes(length);
      expect(bytesToBase64(bytes)).toBe(reference(bytes));
    }
  });

  it('decode back to the same bytes, BOMs and NULs included', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x0d, 0x0a, 0x80]);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  // 4 MiB is 30 times the engine's argument limit, so one String.fromCharCode call would throw; larger
  // files take the same chunked path, and Node's own btoa (slower than a browser's) makes them minutes.
  it('handle a file far past the engine argument limit without overflowing the stack', () => {
    const bytes = randomBytes(4 * 1024 * 1024);
    const encoded = bytesToBase64(bytes);
    expect(encoded.length).toBe(Math.ceil(bytes.length / 3) * 4);
    expect(sameBytes(base64ToBytes(encoded), bytes)).toBe(true);
  });
});
