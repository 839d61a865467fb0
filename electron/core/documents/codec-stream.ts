import { isAscii, isUtf8, transcode } from 'node:buffer';
import type { BodySink } from '../dropbox/gateway.ts';
import { type DecodedText, decodeText } from './codec.ts';
import { countStrayControls, SAMPLE_CHARS, tooManyControls } from './codec-binary.ts';
import {
  binaryFile,
  decodeUtf16,
  SAMPLE_BYTES,
  startsWith,
  UTF8_BOM,
  UTF16BE_BOM,
  UTF16LE_BOM,
  utf16ByNulPattern,
} from './codec-encoding.ts';
import { LinePieces } from './codec-line-pieces.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * How the bytes are being read. `start`: fewer than 3 bytes yet, so no BOM is ruled out. `sample`: no
 * BOM and a NUL among the first 64 KiB, so UTF-16 is judged (as `readEncoding` does) once they are all
 * here. `whole`: something only `decodeText` on every byte can answer (legacy charsets, invalid
 * UTF-8, errors other than an early binary refusal): the bytes are kept and decoded at the end.
 */
type Mode = 'start' | 'sample' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'whole';

export interface DecodingOptions {
  /** Bytes decoded at a time; tests use a few to put every boundary everywhere. */
  pieceBytes?: number;
}

/**
 * Pieces of about an eighth of the file, 64 KiB to 1 MiB: small enough that most of the decoding is
 * done while later bytes travel, large enough that each decoded string is few and long (64 KiB pieces
 * of a 20 MiB file decoded 20 % slower, measured, from the many young strings the GC then copies).
 */
const pieceBytesFor = (expected: number) =>
  2 * Math.ceil(Math.min(1 * MiB, Math.max(64 * KiB, expected / 8)) / 2);

/** The start of the last UTF-8 character not complete in `bytes` (its length when all are complete). */
function completeUtf8(bytes: Uint8Array): number {
  const end = bytes.length;
  let lead = end - 1;
  while (lead >= 0 && end - lead < 4 && ((bytes[lead] as number) & 0xc0) === 0x80) lead--;
  if (lead < 0) return end;
  const byte = bytes[lead] as number;
  const width = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return lead + width > end ? lead : end;
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * `decodeText` of a file's bytes, decoded piece by piece as they arrive: the encoding is told from the
 * first bytes (a BOM; NULs in the first 64 KiB; UTF-8 validity), each piece is checked and decoded, and
 * line endings are normalized across piece boundaries. Whatever the first bytes did not settle (invalid
 * UTF-8 after a valid start, a UTF-16 file of odd length, a NUL character, a legacy charset) falls back
 * to `decodeText` on all the bytes at the end, so the answer (text, format, original, or the error) is
 * always exactly `decodeText`'s. One early refusal: a NUL past the first 64 KiB of a file whose first
 * 64 KiB held none is `binary_file` whatever follows, and the rest of the download is not waited for.
 */
export class TextDecoding implements BodySink<DecodedText> {
  private readonly chunks: Uint8Array[] = [];
  private received = 0;
  private firstNul = -1;
  private mode: Mode = 'start';
  private bom = false;
  /** Bytes not decoded yet: at most a piece, plus the first bytes of a character cut by its end. */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private lines = new LinePieces();
  /** Stray controls among the first `sampledChars` characters (up to 64 Ki), for the binary check. */
  private controls = 0;
  private sampledChars = 0;
  private readonly pieceBytes: number;
  private scratch: Uint8Array | null = null;

  constructor(expectedBytes: number, options: DecodingOptions = {}) {
    this.pieceBytes = Math.max(1, options.pieceBytes ?? pieceBytesFor(expectedBytes));
  }

  write(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const offset = this.received;
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.firstNul === -1) {
      const nul = asBuffer(chunk).indexOf(0);
      if (nul !== -1) this.firstNul = offset + nul;
    }
    if (this.mode === 'start') {
      if (this.received >= UTF8_BOM.length) this.begin();
    } else if (this.decoding()) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      this.judgeNul();
    } else if (this.mode === 'whole' && !this.bom && this.firstNul >= SAMPLE_BYTES) {
      // No BOM and 64 KiB without NUL: a NUL now can only be a binary file's (no UTF-16 looks like that).
      throw binaryFile();
    }
    if (this.mode === 'sample' && this.received >= SAMPLE_BYTES) this.judgeSample();
    if (this.decoding() && this.pendingBytes >= this.pieceBytes) this.decodePending(false);
  }

  private decoding(): boolean {
    return this.mode === 'utf-8' || this.mode === 'utf-16le' || this.mode === 'utf-16be';
  }

  end(): DecodedText {
    if (this.decoding() && this.pendingBytes > 0) this.decodePending(true);
    const encoding = this.mode;
    if (encoding !== 'utf-8' && encoding !== 'utf-16le' && encoding !== 'utf-16be')
      return decodeText(this.allBytes());
    if (tooManyControls(this.controls, this.sampledChars)) throw binaryFile();
    const { text, lineEnding, finalNewline, uniform } = this.lines.finish();
    const format = { encoding, bom: this.bom, lineEnding, finalNewline };
    return uniform ? { text, format } : { text, format, original: this.allBytes() };
  }

  /** The first three bytes are here: a BOM, or none (and then UTF-8 until the bytes say otherwise). */
  private begin(): void {
    const head = concat(this.chunks, this.received);
    const utf16 = startsWith(head, UTF16BE_BOM)
      ? 'utf-16be'
      : startsWith(head, UTF16LE_BOM)
        ? 'utf-16le'
        : null;
    this.bom = utf16 !== null || startsWith(head, UTF8_BOM);
    this.mode = utf16 ?? 'utf-8';
    this.restart(utf16 ? UTF16LE_BOM.length : this.bom ? UTF8_BOM.length : 0);
    this.judgeNul();
  }

  /** Decodes every byte so far again from `from`, in the current mode (after the BOM, or as UTF-16). */
  private restart(from: number): void {
    const all = concat(this.chunks, this.received);
    this.pending = all.length > from ? [all.subarray(from)] : [];
    this.pendingBytes = all.length - from;
    this.lines = new LinePieces();
    this.controls = 0;
    this.sampledChars = 0;
  }

  /** NUL bytes: binary or UTF-16 without a BOM, as `readEncoding` decides; in UTF-16 they are characters' halves. */
  private judgeNul(): void {
    if (this.firstNul === -1 || this.mode === 'utf-16le' || this.mode === 'utf-16be') return;
    if (this.bom) this.toWhole();
    else if (this.firstNul >= SAMPLE_BYTES) throw binaryFile();
    else if (this.mode === 'utf-8') {
      this.mode = 'sample';
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  /** The first 64 KiB of a file with NULs and no BOM are here: UTF-16 by their pattern, or binary. */
  private judgeSample(): void {
    const sample = concat(this.chunks, this.received).subarray(0, SAMPLE_BYTES);
    const utf16 = utf16ByNulPattern(sample);
    if (!utf16) throw binaryFile();
    this.mode = utf16;
    this.restart(0);
  }

  private toWhole(): void {
    this.mode = 'whole';
    this.pending = [];
    this.pendingBytes = 0;
    this.lines = new LinePieces();
  }

  private decodePending(final: boolean): void {
    const bytes = this.joinPending();
    const utf8 = this.mode === 'utf-8';
    const cut = final ? bytes.length : utf8 ? completeUtf8(bytes) : bytes.length & ~1;
    if (cut === 0) return;
    const piece = bytes.subarray(0, cut);
    const raw = utf8 ? this.utf8Piece(piece) : this.utf16Piece(piece);
    if (raw === null) {
      this.toWhole();
      return;
    }
    // A copy: the rest (a character's first bytes) may lie in the scratch buffer, which is written again.
    const rest = bytes.slice(cut);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    if (this.sampledChars < SAMPLE_CHARS) {
      const take = Math.min(raw.length, SAMPLE_CHARS - this.sampledChars);
      this.controls += countStrayControls(raw, take);
      this.sampledChars += take;
    }
    // In UTF-8 a CR byte is a CR: memchr over the bytes is faster than a search of the string.
    this.lines.push(raw, utf8 ? asBuffer(piece).indexOf(0x0d) !== -1 : undefined);
  }

  /**
   * The pending chunks as one run of bytes, gathered in a buffer kept for the purpose: a fresh one per
   * piece would be memory the kernel maps in as it is first written, every time.
   */
  private joinPending(): Uint8Array {
    if (this.pending.length === 1) return this.pending[0] as Uint8Array;
    if (!this.scratch || this.scratch.length < this.pendingBytes)
      this.scratch = new Uint8Array(Math.max(this.pendingBytes, this.pieceBytes + 64 * KiB));
    let offset = 0;
    for (const chunk of this.pending) {
      this.scratch.set(chunk, offset);
      offset += chunk.length;
    }
    return this.scratch.subarray(0, this.pendingBytes);
  }

  /**
   * As `utf8OrNull` decodes the whole: ASCII copied into a one-byte string, else checked, then decoded.
   * Decoded by ICU's transcoder and a copy into a string: 20 MiB of prose take 40 ms here, against
   * 65 ms through TextDecoder and 90 ms through V8's decoder (`toString`), measured.
   */
  private utf8Piece(bytes: Uint8Array): string | null {
    const buffer = asBuffer(bytes);
    if (isAscii(buffer)) return buffer.toString('latin1');
    return isUtf8(buffer) ? transcode(buffer, 'utf8', 'utf16le').toString('utf16le') : null;
  }

  /** Whole code units; a NUL character means binary, which `decodeText` then says. */
  private utf16Piece(bytes: Uint8Array): string | null {
    if (bytes.length % 2 !== 0) return null;
    const raw = decodeUtf16(bytes, this.mode === 'utf-16be');
    return raw.includes('\u0000') ? null : raw;
  }

  private allBytes(): Uint8Array {
    const all = new Uint8Array(this.received);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return all;
  }
}
