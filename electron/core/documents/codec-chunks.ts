import type { ByteSource } from '../dropbox/byte-source.ts';
import { giveScratch, growScratch, takeScratch } from './codec-scratch.ts';

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * A stored text (line endings and all) as the strings it is made of, in order: one flat string, or the
 * leaves of main's `Text`. No surrogate pair is cut between two pieces.
 */
export interface StoredPieces {
  /** How many UTF-16 units they come to, together. */
  readonly length: number;
  pieces(): Iterator<string>;
}

/** One string as its own only piece. */
export const onePiece = (text: string): StoredPieces => ({
  length: text.length,
  pieces: () => [text][Symbol.iterator](),
});

/**
 * The pieces as UTF-8 (after a BOM if asked), made a chunk at a time. Measured on a 200 MiB text (Node 20):
 * 8 MiB chunks take 163 ms in all, `Buffer.from` of the whole 373 ms (its one huge buffer is fresh
 * memory, page-faulted in as it is written). A lone surrogate becomes U+FFFD, as `Buffer.from` writes it.
 */
export function utf8Chunks(stored: StoredPieces, bom: boolean): ByteSource {
  const prefix = bom ? UTF8_BOM.length : 0;
  // Bytes made but not yet handed out: the BOM, or the tail of a character cut by a chunk's end.
  let carry: Uint8Array = bom ? UTF8_BOM : EMPTY;
  const pieces = stored.pieces();
  let piece = '';
  let position = 0;
  // Units of the pieces before `piece`, and bytes handed out or carried.
  let passed = 0;
  let produced = 0;
  let ended = false;

  /** Whether there is a unit left to encode, moving on to the next piece when this one is done. */
  const more = (): boolean => {
    while (position >= piece.length) {
      const next = pieces.next();
      ended = next.done === true;
      if (ended) return false;
      passed += piece.length;
      piece = next.value;
      position = 0;
    }
    return true;
  };

  /** The character at `position` did not fit in `chunk`: its first bytes end the chunk, the rest wait. */
  const splitCharacter = (chunk: Uint8Array, filled: number): number => {
    const pair =
      isHighSurrogate(piece.charCodeAt(position)) && isLowSurrogate(piece.charCodeAt(position + 1));
    const width = pair ? 2 : 1;
    const bytes = Buffer.from(piece.slice(position, position + width), 'utf8');
    position += width;
    const fit = Math.min(bytes.length, chunk.length - filled);
    chunk.set(bytes.subarray(0, fit), filled);
    carry = bytes.subarray(fit);
    return filled + fit;
  };

  let whole: ReturnType<typeof wholeUtf8> | null = null;
  return {
    atLeast: prefix + stored.length,
    atMost: prefix + stored.length * 3,
    whole: () => {
      whole ??= wholeUtf8(stored, bom);
      return whole.bytes;
    },
    release: () => whole?.release(),
    next: (count) => {
      const chunk = Buffer.allocUnsafe(count);
      let filled = Math.min(carry.length, count);
      chunk.set(carry.subarray(0, filled));
      carry = carry.subarray(filled);
      while (filled < count && more()) {
        // A slice of a flat string is a view in V8: no copy of the text per chunk.
        const rest = position === 0 ? piece : piece.slice(position);
        const { read, written } = encoder.encodeInto(rest, chunk.subarray(filled));
        position += read;
        filled += written;
        if (filled < count && position < piece.length) filled = splitCharacter(chunk, filled);
      }
      produced += filled;
      return filled === count ? chunk : chunk.subarray(0, filled);
    },
    expectedSize: () => {
      const made = produced + carry.length;
      const read = passed + position;
      if (ended || read >= stored.length) return made;
      return made + Math.round(((stored.length - read) * (made - prefix)) / Math.max(1, read));
    },
  };
}

/**
 * Every byte at once, written piece by piece (no joined copy of the text) into scratch memory that the
 * last whole encoding used (`codec-scratch.ts`); `release` hands it on once the bytes are sent.
 */
function wholeUtf8(stored: StoredPieces, bom: boolean): { bytes: Uint8Array; release: () => void } {
  const prefix = bom ? UTF8_BOM.length : 0;
  // Most stored text is mostly ASCII: a little over a byte a unit, grown on the rare text that is not.
  let buffer = takeScratch(prefix + Math.ceil(stored.length * 1.1) + 64);
  buffer.set(bom ? UTF8_BOM : EMPTY);
  let written = prefix;
  const pieces = stored.pieces();
  for (let next = pieces.next(); !next.done; next = pieces.next()) {
    const piece = next.value;
    // Three bytes a unit at most: a piece that surely fits is never cut short by `write`.
    if (buffer.length - written < piece.length * 3)
      buffer = growScratch(buffer, written, written + piece.length * 3);
    written += buffer.write(piece, written, 'utf8');
  }
  const kept = buffer;
  let released = false;
  return {
    bytes: kept.subarray(0, written),
    release: () => {
      if (released) return;
      released = true;
      giveScratch(kept);
    },
  };
}
