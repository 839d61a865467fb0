import type { TextFormat } from '../../common/contract/shapes.ts';
import { type ByteSource, bytesSource } from '../dropbox/byte-source.ts';
import type { Text } from '../text/text-edits.ts';
import { refuseBinary } from './codec-binary.ts';
import { onePiece, utf8Chunks } from './codec-chunks.ts';
import { readAs, readEncoding, writeEncoding } from './codec-encoding.ts';
import { joinLineEndings, normalizeLineBreaks, splitLineEndings } from './codec-lines.ts';
import { textPieces } from './codec-text-pieces.ts';

/** How a document's text is stored in its file: the contract's shape, which the journal stores too. */
export type { TextFormat };

export interface DecodedText {
  /**
   * For the editor: LF line breaks only, no BOM. The final newline stays in the text (VS Code's model),
   * so what the user sees is the file, and removing or adding it is an ordinary edit.
   */
  text: string;
  format: TextFormat;
  /**
   * The file's exact bytes, present only when `encodeText(text, format)` cannot reproduce them: the file
   * mixes LF and CRLF, or has lone CRs. `reencodeText` returns them while the text is unchanged.
   */
  original?: Uint8Array;
}

/** What a new document is saved as (its text decides whether it ends with a newline). */
export const DEFAULT_TEXT_FORMAT: TextFormat = {
  encoding: 'utf-8',
  bom: false,
  lineEnding: 'lf',
  finalNewline: true,
};

/**
 * A file's bytes → editor text and the format to write it back in. Refuses binary files (`binary_file`)
 * and bytes no supported encoding reads and writes back unchanged (`unsupported_encoding`).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { encoding, bom, raw, nulFree } = readEncoding(bytes);
  refuseBinary(raw, nulFree);
  const { text, lineEnding, finalNewline, uniform } = splitLineEndings(raw);
  const format: TextFormat = { encoding, bom, lineEnding, finalNewline };
  return uniform ? { text, format } : { text, format, original: Uint8Array.from(bytes) };
}

/**
 * A file's bytes read as the encoding the user chose. Refuses what is not text in it (`binary_file`: a
 * UTF-16 file read as UTF-8 is full of NULs). `lossy`: saving the text in that encoding would not give
 * these bytes back (bytes it has no character for, shown as U+FFFD), so the user can be told.
 */
export function decodeTextAs(bytes: Uint8Array, encoding: string): DecodedText & { lossy: boolean } {
  const { bom, raw } = readAs(bytes, encoding);
  refuseBinary(raw);
  const { text, lineEnding, finalNewline, uniform } = splitLineEndings(raw);
  // The bytes say whether there is a BOM; Save with Encoding… is where one is added or taken off.
  const format: TextFormat = { encoding, bom, lineEnding, finalNewline };
  let lossy = true;
  try {
    lossy = !writeEncoding(raw, encoding, bom).equals(bytes);
  } catch {
    // A character the encoding cannot write back: lossy as well.
  }
  const decoded = uniform ? { text, format } : { text, format, original: Uint8Array.from(bytes) };
  return { ...decoded, lossy };
}

/**
 * Editor text → file bytes in `format`. Any CRLF or CR in `text` counts as a line break, so an editor
 * that hands back its own line endings cannot produce CR CR LF. The text's own final newline (or its
 * absence) is written as is: `format.finalNewline` is not consulted.
 */
export function encodeText(text: string, format: TextFormat): Buffer {
  const stored = joinLineEndings(normalizeLineBreaks(text), format.lineEnding);
  return writeEncoding(stored, format.encoding, format.bom);
}

/**
 * `encodeText`'s bytes for an upload, made when it asks: in UTF-8 (nearly every file) a chunk at a
 * time, so a large save starts sending before the whole text is encoded, and from main's `Text` leaf by
 * leaf, never joined into one string; in other encodings all at once.
 */
export function encodeTextChunks(text: string | Text, format: TextFormat): ByteSource {
  if (format.encoding !== 'utf-8') return bytesSource(encodeText(text.toString(), format));
  if (typeof text !== 'string') return utf8Chunks(textPieces(text, format.lineEnding), format.bom);
  return utf8Chunks(onePiece(joinLineEndings(normalizeLineBreaks(text), format.lineEnding)), format.bom);
}

/** The bytes to save `text` as: the file's own bytes while the text is what was decoded, else `encodeText`. */
export function reencodeText(decoded: DecodedText, text: string): Buffer {
  if (decoded.original && text === decoded.text) return Buffer.from(decoded.original);
  return encodeText(text, decoded.format);
}
