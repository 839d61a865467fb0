import { isAscii, isUtf8 } from 'node:buffer';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { unwritableWords } from '../../common/encodings.ts';
import { OpusError } from '../errors.ts';
import { unwritableCharacters } from './codec-unwritable.ts';

/** The encoding half of a decoded file: which charset, whether it had a BOM, and the text as stored. */
export interface ReadEncoding {
  encoding: string;
  bom: boolean;
  /** Decoded characters, line endings untouched. */
  raw: string;
  /** The bytes held no NUL, so neither can the characters: the binary check need not look for one. */
  nulFree?: boolean;
}

export const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
export const UTF16LE_BOM = Uint8Array.of(0xff, 0xfe);
export const UTF16BE_BOM = Uint8Array.of(0xfe, 0xff);

// Detection looks at a prefix only: chardet and the NUL census are slow on a 150 MiB file, and the first
// 64 KiB decide as well as the whole. Round-trip checks still run on every byte.
export const SAMPLE_BYTES = 64 * 1024;

// chardet answers 100 only when the bytes parse as its multi-byte charset (Shift_JIS, GB18030…): then a
// failed round trip means real bytes we would corrupt, not a wrong guess worth a second try.
const CERTAIN = 100;

// Tried after chardet's own candidates: the legacy charset most Western text is in, then ISO-8859-1,
// which maps every byte to a character and back, so a file that is not binary always opens losslessly.
const FALLBACKS = ['windows-1252', 'iso-8859-1'];

export const startsWith = (bytes: Uint8Array, prefix: Uint8Array): boolean =>
  bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const unsupported = (message: string): OpusError => new OpusError('unsupported_encoding', message);

export const binaryFile = (): OpusError =>
  new OpusError(
    'binary_file',
    'This file looks binary (an image, an archive or a program, for example), so Opus will not open it as text.',
  );

/**
 * The text of valid UTF-8 (a leading U+FEFF kept as a character), else null. Checked first with simdutf
 * (`isAscii`, `isUtf8`: 2.7 ms for 20 MiB), so an all-ASCII file, most code and many notes, becomes a
 * one-byte string by copying (13 ms for 20 MiB) instead of decoding (52 ms, and a fatal TextDecoder 55).
 */
function utf8OrNull(body: Uint8Array): string | null {
  const bytes = asBuffer(body);
  if (isAscii(bytes)) return bytes.toString('latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}

export function decodeUtf16(body: Uint8Array, bigEndian: boolean): string {
  // Node decodes code unit by code unit, so even unpaired surrogates survive the round trip.
  if (!bigEndian) return asBuffer(body).toString('utf16le');
  return Buffer.from(body).swap16().toString('utf16le');
}

/**
 * Plain-Latin text in UTF-16 has a zero high byte in almost every code unit: one column of the byte pairs
 * is full of NULs and the other nearly free of them. Anything less clear-cut is not trusted as UTF-16.
 */
export function utf16ByNulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length % 2 !== 0) return null;
  const end = Math.min(bytes.length, SAMPLE_BYTES);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index + 1 < end; index += 2) {
    if (bytes[index] === 0) evenNuls++;
    if (bytes[index + 1] === 0) oddNuls++;
  }
  const pairs = Math.floor(end / 2);
  if (oddNuls >= pairs * 0.3 && evenNuls <= oddNuls * 0.05) return 'utf-16le';
  if (evenNuls >= pairs * 0.3 && oddNuls <= evenNuls * 0.05) return 'utf-16be';
  return null;
}

function readWithBom(bytes: Uint8Array): ReadEncoding | null {
  if (startsWith(bytes, UTF8_BOM)) {
    const raw = utf8OrNull(bytes.subarray(UTF8_BOM.length));
    if (raw === null)
      throw unsupported('This file starts with a UTF-8 byte order mark but is not valid UTF-8.');
    return { encoding: 'utf-8', bom: true, raw };
  }
  const bigEndian = startsWith(bytes, UTF16BE_BOM);
  if (!bigEndian && !startsWith(bytes, UTF16LE_BOM)) return null;
  const body = bytes.subarray(2);
  if (body.length % 2 !== 0) {
    throw unsupported(
      'This UTF-16 file ends in the middle of a character, so it cannot be saved back unchanged.',
    );
  }
  return { encoding: bigEndian ? 'utf-16be' : 'utf-16le', bom: true, raw: decodeUtf16(body, bigEndian) };
}

const roundTrips = (bytes: Uint8Array, encoding: string): string | null => {
  const raw = iconv.decode(bytes, encoding);
  return iconv.encode(raw, encoding).equals(bytes) ? raw : null;
};

/** chardet's guesses, best first, limited to legacy charsets iconv-lite can write back. */
function legacyCandidates(bytes: Uint8Array): { name: string; label: string; confidence: number }[] {
  return analyse(bytes.subarray(0, SAMPLE_BYTES))
    .map((match) => ({ name: match.name.toLowerCase(), label: match.name, confidence: match.confidence }))
    .filter(({ name }) => !/^(ascii|utf-)/.test(name) && iconv.encodingExists(name));
}

function readLegacy(bytes: Uint8Array): ReadEncoding {
  const candidates = legacyCandidates(bytes);
  const best = candidates[0];
  const names = [...candidates.map((candidate) => candidate.name), ...FALLBACKS];
  if (best && best.confidence >= CERTAIN) names.splice(1);
  for (const name of new Set(names)) {
    const raw = roundTrips(bytes, name);
    if (raw !== null) return { encoding: name, bom: false, raw };
  }
  const guess = best ? ` (it looks like ${best.label})` : '';
  throw unsupported(
    `This file is not UTF-8, and Opus found no encoding${guess} that reads it and writes it back unchanged.`,
  );
}

/** Which encoding the bytes are in, and their characters. Throws `binary_file` or `unsupported_encoding`. */
export function readEncoding(bytes: Uint8Array): ReadEncoding {
  const withBom = readWithBom(bytes);
  if (withBom) return withBom;
  if (bytes.indexOf(0) === -1) {
    const raw = utf8OrNull(bytes);
    return { ...(raw === null ? readLegacy(bytes) : { encoding: 'utf-8', bom: false, raw }), nulFree: true };
  }
  // NULs are legal UTF-8, but text editors never write them: outside UTF-16 they mean binary.
  const utf16 = utf16ByNulPattern(bytes);
  if (!utf16) throw binaryFile();
  return { encoding: utf16, bom: false, raw: decodeUtf16(bytes, utf16 === 'utf-16be') };
}

type UnicodeEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

function unicodeName(encoding: string): UnicodeEncoding | null {
  const name = encoding.toLowerCase().replace(/^utf-?/, 'utf-');
  return name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be' ? name : null;
}

function encodeUnicode(text: string, encoding: UnicodeEncoding, bom: boolean): Buffer {
  if (encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return bom ? Buffer.concat([UTF8_BOM, body]) : body;
  }
  const body = Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') body.swap16();
  if (!bom) return body;
  return Buffer.concat([encoding === 'utf-16be' ? UTF16BE_BOM : UTF16LE_BOM, body]);
}

/**
 * `text` (line endings already final) in `encoding`. Legacy charsets have no BOM, so `bom` only applies
 * to UTF-8 and UTF-16. A character the charset cannot hold is refused rather than silently written as "?",
 * and the refusal names each such character and its lines (`detail.unwritable`).
 */
export function writeEncoding(text: string, encoding: string, bom: boolean): Buffer {
  const unicode = unicodeName(encoding);
  if (unicode) return encodeUnicode(text, unicode, bom);
  if (!iconv.encodingExists(encoding))
    throw unsupported(`Opus cannot write text in the ${encoding} encoding.`);
  const bytes = iconv.encode(text, encoding);
  if (iconv.decode(bytes, encoding) !== text) {
    const unwritable = unwritableCharacters(text, encoding);
    throw new OpusError('unsupported_encoding', `${unwritableWords(unwritable)}.`, { unwritable });
  }
  return bytes;
}

/**
 * The bytes read as `encoding`, chosen by the user (Reopen with Encoding…): no detection, no refusal of
 * a wrong guess. A BOM of that encoding is taken off and remembered; bytes the encoding has no character
 * for become U+FFFD, as every editor shows them.
 */
export function readAs(bytes: Uint8Array, encoding: string): { bom: boolean; raw: string } {
  const unicode = unicodeName(encoding);
  if (unicode === 'utf-8') {
    const bom = startsWith(bytes, UTF8_BOM);
    return { bom, raw: asBuffer(bom ? bytes.subarray(UTF8_BOM.length) : bytes).toString('utf8') };
  }
  if (unicode) {
    const bigEndian = unicode === 'utf-16be';
    const bom = startsWith(bytes, bigEndian ? UTF16BE_BOM : UTF16LE_BOM);
    const body = bom ? bytes.subarray(2) : bytes;
    // An odd last byte is half a character: U+FFFD, as a UTF-16 decoder shows it, not dropped.
    const whole = decodeUtf16(body.subarray(0, body.length - (body.length % 2)), bigEndian);
    return { bom, raw: body.length % 2 === 0 ? whole : `${whole}\ufffd` };
  }
  if (!iconv.encodingExists(encoding))
    throw unsupported(`Opus cannot read text in the ${encoding} encoding.`);
  return { bom: false, raw: iconv.decode(asBuffer(bytes), encoding, { stripBOM: false }) };
}
