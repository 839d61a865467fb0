import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { isOpusError } from '../errors.ts';
import { decodeText } from './codec.ts';
import { TextDecoding } from './codec-stream.ts';

const KiB = 1024;

type Outcome = { text: string; format: unknown; original?: string } | { refused: string };

/** The answer, its original bytes as hex (equal arrays compare slowly), or the refusal's kind and words. */
function outcome(decode: () => ReturnType<typeof decodeText>): Outcome {
  try {
    const { original, ...decoded } = decode();
    return original ? { ...decoded, original: Buffer.from(original).toString('hex') } : decoded;
  } catch (error) {
    if (isOpusError(error)) return { refused: `${error.kind}: ${error.message}` };
    throw error;
  }
}

/** The file cut where `cuts` say (fractions of its length), as a download's chunks would arrive. */
function chunksOf(file: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const offsets = [...new Set(cuts.map((cut) => Math.floor(cut * file.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, file.length]) {
    chunks.push(file.subarray(start, offset));
    start = offset;
  }
  return chunks;
}

function streamed(file: Uint8Array, cuts: readonly number[], pieceBytes: number): Outcome {
  return outcome(() => {
    const decoding = new TextDecoding(file.length, { pieceBytes });
    for (const chunk of chunksOf(file, cuts)) decoding.write(Uint8Array.from(chunk));
    return decoding.end();
  });
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });
const pieceBytes = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 4 * KiB }));

/** The streamed answer is `decodeText`'s, however the bytes arrive and however they are pieced. */
function sameAsWhole(files: fc.Arbitrary<Uint8Array>, numRuns = 400): void {
  fc.assert(
    fc.property(files, cuts, pieceBytes, (file, at, piece) => {
      expect(streamed(file, at, piece)).toEqual(outcome(() => decodeText(file)));
    }),
    { numRuns },
  );
}

const bytes = (...parts: (string | number[] | Uint8Array)[]): Uint8Array =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );

// Text as files hold it: every script, emoji (pairs of surrogates in UTF-16), and every line ending.
const char = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\t', '\u000b', '\u0001') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }).map((s) => s.replace(/\0/g, '')) },
  { weight: 1, arbitrary: fc.constantFrom('\ufeff', 'é', '€', '😀', '\u0085') },
);
const text = fc.string({ unit: char, maxLength: 300 });

const BOMS = { utf8: [0xef, 0xbb, 0xbf], le: [0xff, 0xfe], be: [0xfe, 0xff] };

const utf16 = (value: string, bigEndian: boolean): Buffer => {
  const body = Buffer.from(value, 'utf16le');
  return bigEndian ? body.swap16() : body;
};

// Bytes near UTF-8: valid sequences of every length and the invalid ones (lone continuation, overlong,
// an encoded surrogate, beyond U+10FFFF, truncated), NULs, and stray BOM bytes.
const nearUtf8 = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: text.map((s) => Buffer.from(s, 'utf8')) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(
            [0x80],
            [0xc0, 0xaf],
            [0xed, 0xa0, 0x80],
            [0xf4, 0x90, 0x80, 0x80],
            [0xe2, 0x82],
            [0xff],
          )
          .map((b) => Buffer.from(b)),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom([0], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0x0d]).map((b) => Buffer.from(b)),
      },
    ),
    { maxLength: 8 },
  )
  .map((parts) => Uint8Array.from(Buffer.concat(parts)));

describe('a download decoded as it arrives gives exactly what decodeText gives on its bytes', () => {
  test('arbitrary bytes', () => {
    sameAsWhole(fc.uint8Array({ maxLength: 400 }), 1000);
  });

  test('near-UTF-8 bytes, with or without a BOM in front', () => {
    sameAsWhole(
      fc
        .tuple(fc.constantFrom([], BOMS.utf8, BOMS.le, BOMS.be), nearUtf8)
        .map(([bom, body]) => bytes(bom, body)),
      1000,
    );
  });

  test('UTF-8 text with any line endings, with and without a BOM', () => {
    sameAsWhole(fc.tuple(fc.boolean(), text).map(([bom, value]) => bytes(bom ? BOMS.utf8 : [], value)));
  });

  test('UTF-16 LE and BE, with and without a BOM, odd lengths and NUL characters included', () => {
    const file = fc
      .record({
        bigEndian: fc.boolean(),
        bom: fc.boolean(),
        value: fc.oneof(
          text,
          text.map((s) => `${s}\u0000${s}`),
        ),
        oddByte: fc.boolean(),
      })
      .map(({ bigEndian, bom, value, oddByte }) =>
        bytes(bom ? (bigEndian ? BOMS.be : BOMS.le) : [], utf16(value, bigEndian), oddByte ? [0x41] : []),
      );
    sameAsWhole(file);
  });

  test('Latin-1 and Windows-1252 text, and text in other legacy charsets', () => {
    const file = fc
      .tuple(fc.constantFrom('latin1', 'windows-1252', 'shift_jis', 'koi8-r'), text)
      .map(([encoding, value]) => Uint8Array.from(iconv.encode(value, encoding)));
    sameAsWhole(file);
  });

  test('CRLF split between chunks, and a lone CR at a chunk end or the file end', () => {
    const lines = fc.array(fc.tuple(fc.string({ maxLength: 5 }), fc.constantFrom('\r\n', '\n', '\r')), {
      maxLength: 20,
    });
    sameAsWhole(lines.map((parts) => bytes(parts.flat().join(''))));
  });
});

describe('past the first 64 KiB, where the encoding was already told', () => {
  // Large files from a small seed, so that the sample (64 KiB) is whole before the surprise comes.
  const large = (head: string, tail: Uint8Array) =>
    bytes(head.repeat(Math.ceil((80 * KiB) / head.length)), tail);
  const head = fc.string({ unit: char, minLength: 1, maxLength: 40 }).filter((s) => s.length > 0);
  const tail = fc.oneof(
    nearUtf8,
    fc.constantFrom(
      bytes([0]),
      bytes('late\u0000nul'),
      bytes([0xe9, 0x74, 0xe9]),
      bytes([0xff]),
      bytes('\r'),
    ),
  );
  const largeCuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });
  const largePieces = fc.integer({ min: 4 * KiB, max: 128 * KiB });

  test('a NUL, invalid UTF-8 or a CR late in a UTF-8 file', () => {
    fc.assert(
      fc.property(head, tail, largeCuts, largePieces, (start, end, at, piece) => {
        const file = large(start, end);
        expect(streamed(file, at, piece)).toEqual(outcome(() => decodeText(file)));
      }),
      { numRuns: 60 },
    );
  });

  test('UTF-16 without a BOM, told by its NULs, with a late surprise', () => {
    fc.assert(
      fc.property(fc.boolean(), tail, largeCuts, largePieces, (bigEndian, end, at, piece) => {
        const file = bytes(utf16('Plain Latin text\r\n'.repeat(5000), bigEndian), end);
        expect(streamed(file, at, piece)).toEqual(outcome(() => decodeText(file)));
      }),
      { numRuns: 40 },
    );
  });

  test('a binary file is refused when the NUL comes, before its last byte', () => {
    const file = bytes('x'.repeat(70 * KiB), [0], 'y'.repeat(10 * KiB));
    const decoding = new TextDecoding(file.length, { pieceBytes: 16 * KiB });
    decoding.write(file.subarray(0, 64 * KiB));
    expect(() => decoding.write(file.subarray(64 * KiB, 72 * KiB))).toThrow(
      expect.objectContaining({ kind: 'binary_file' }),
    );
    expect(outcome(() => decodeText(file))).toMatchObject({ refused: expect.stringMatching(/^binary_file/) });
  });
});

describe('the answer for a file in one chunk', () => {
  test('is a text that is all there, with its format', () => {
    const decoding = new TextDecoding(9);
    decoding.write(bytes('one\r\ntwo\r\n'));
    expect(decoding.end()).toEqual({
      text: 'one\ntwo\n',
      format: { encoding: 'utf-8', bom: false, lineEnding: 'crlf', finalNewline: true },
    });
  });

  test('of no bytes is the empty text', () => {
    expect(new TextDecoding(0).end()).toEqual(decodeText(new Uint8Array(0)));
  });
});
