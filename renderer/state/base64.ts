// Bytes ⇄ base64 in the page, for files that travel through the contract as base64 strings.

/**
 * A multiple of 3 bytes, so each chunk encodes to whole base64 quads and the pieces join without
 * padding in between; small enough that `String.fromCharCode(...chunk)` stays far below the engine's
 * argument limit, which a 50 MB file passed in one call would blow.
 */
const CHUNK = 3 * 0x4000;

export function bytesToBase64(bytes: Uint8Array): string {
  const pieces: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    // apply, not spread: a spread walks the typed array through its iterator, several times slower.
    const chunk = bytes.subarray(start, start + CHUNK) as unknown as number[];
    pieces.push(btoa(String.fromCharCode.apply(null, chunk)));
  }
  return pieces.join('');
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
