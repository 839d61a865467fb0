import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { isOpusError } from '../errors.ts';
import { type DecodedText, decodeText, encodeText, reencodeText, type TextFormat } from './codec.ts';
import { normalizeLineBreaks } from './codec-lines.ts';

const RUNS = { numRuns: 300 };

/** The decoded file, or null when it is refused the only ways a file may be refused. */
function decodeOrRefuse(file: Uint8Array): DecodedText | null {
  try {
    return decodeText(file);
  } catch (error) {
    if (isOpusError(error, 'binary_file') || isOpusError(error, 'unsupported_encoding')) return null;
    throw error;
  }
}

const codePoint = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((cp) => String.fromCodePoint(cp));

// What people type: printable ASCII, tabs and line breaks (an editor may hand back CRLF or CR, which
// count as LF), letters from every script, emoji. Not U+FEFF or U+FFFE, which at the start of a file are
// byte order marks by definition.
const typedChar = fc.oneof(
  { weight: 6, arbitrary: codePoint(0x20, 0x7e) },
  { weight: 2, arbitrary: fc.constantFrom('\n', '\t') },
  { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r') },
  { weight: 2, arbitrary: codePoint(0xa0, 0xd7ff) },
  { weight: 1, arbitrary: codePoint(0xe000, 0xfefe) },
  { weight: 1, arbitrary: codePoint(0x1f300, 0x1faff) },
);
const asciiChar = fc.oneof(
  { weight: 8, arbitrary: codePoint(0x20, 0x7e) },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\t') },
  { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r') },
);

const lineEnding = fc.constantFrom<TextFormat['lineEnding']>('lf', 'crlf');

/**
 * The format a decoder finds in the bytes of `text`: an ending needs a line break to be seen, and the
 * final newline is whatever the text ends with, whatever `format.finalNewline` said (it is informational).
 */
function visibleFormat(text: string, format: TextFormat): TextFormat {
  return {
    ...format,
    lineEnding: text.includes('\n') ? format.lineEnding : 'lf',
    finalNewline: text.endsWith('\n'),
  };
}

/** Editor text → file → the same text (line breaks as LF) and format → the very same bytes. */
function expectExactRoundTrip(text: string, format: TextFormat): void {
  const file = encodeText(text, format);
  const decoded = decodeText(file);
  const editorText = normalizeLineBreaks(text);
  expect(decoded.text).toBe(editorText);
  expect(decoded.format).toEqual(visibleFormat(editorText, format));
  expect(decoded.original).toBeUndefined();
  expect(encodeText(decoded.text, decoded.format).equals(file)).toBe(true);
  expect(reencodeText(decoded, decoded.text).equals(file)).toBe(true);
}

describe('random editor text round-trips in every Unicode encoding, BOM, line ending and final newline', () => {
  const withBom = fc.record({
    encoding: fc.constantFrom('utf-8', 'utf-16le', 'utf-16be'),
    bom: fc.constant(true),
    lineEnding,
    finalNewline: fc.boolean(),
  });

  test('with a BOM', () => {
    fc.assert(
      fc.property(fc.string({ unit: typedChar, maxLength: 200 }), withBom, (text, format) =>
        expectExactRoundTrip(text, format),
      ),
      RUNS,
    );
  });

  test('UTF-8 without a BOM', () => {
    const format = fc.record({
      encoding: fc.constant('utf-8'),
      bom: fc.constant(false),
      lineEnding,
      finalNewline: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.string({ unit: typedChar, maxLength: 200 }), format, (text, f) =>
        expectExactRoundTrip(text, f),
      ),
      RUNS,
    );
  });

  test('UTF-16 without a BOM (Latin text, where the NUL pattern tells)', () => {
    const format = fc.record({
      encoding: fc.constantFrom('utf-16le', 'utf-16be'),
      bom: fc.constant(false),
      lineEnding,
      finalNewline: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.string({ unit: asciiChar, minLength: 1, maxLength: 200 }), format, (text, f) =>
        expectExactRoundTrip(text, f),
      ),
      RUNS,
    );
  });
});

describe('legacy encodings', () => {
  const legacy: [string, fc.Arbitrary<string>][] = [
    ['windows-1252', fc.oneof(asciiChar, fc.constantFrom(...'éèêëüöäßçñÉÜÖ€“”‘’–—…'))],
    ['iso-8859-1', fc.oneof(asciiChar, codePoint(0xa0, 0xff))],
    ['shift_jis', fc.oneof(asciiChar, fc.constantFrom(...'日本語のテキストですこんにちは世界。、カタカナ'))],
    ['koi8-r', fc.oneof(asciiChar, fc.constantFrom(...'абвгдежзийклмнопрстуфхцчшщыьэюяАБВГДЕЖ'))],
  ];

  test.each(legacy)('%s text saves back byte for byte whatever the detector guesses', (encoding, unit) => {
    const format = fc.record({
      encoding: fc.constant(encoding),
      bom: fc.constant(false),
      lineEnding,
      finalNewline: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 120 }), format, (text, f) => {
        const file = encodeText(text, f);
        const decoded = decodeOrRefuse(file);
        if (!decoded) return;
        expect(reencodeText(decoded, decoded.text).equals(file)).toBe(true);
        // Detection is statistical: a short sample may be read as another charset, never corrupted.
        if (decoded.format.encoding === encoding) expect(decoded.text).toBe(normalizeLineBreaks(text));
      }),
      RUNS,
    );
  });

  test('the encoder refuses rather than substituting', () => {
    expect(iconv.encode('€', 'iso-8859-1').toString()).toBe('?');
    const format: TextFormat = { encoding: 'iso-8859-1', bom: false, lineEnding: 'lf', finalNewline: false };
    expect(() => encodeText('€', format)).toThrow(expect.objectContaining({ kind: 'unsupported_encoding' }));
  });
});

describe('THE key property: every accepted file saves back unchanged', () => {
  function acceptedRoundTrips(file: Uint8Array): void {
    const decoded = decodeOrRefuse(file);
    if (!decoded) return;
    expect(decoded.text).not.toMatch(/\r/);
    expect(reencodeText(decoded, decoded.text).equals(Buffer.from(file))).toBe(true);
    if (!decoded.original)
      expect(encodeText(decoded.text, decoded.format).equals(Buffer.from(file))).toBe(true);
  }

  test('arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), acceptedRoundTrips), { numRuns: 1000 });
  });

  test('text with any mix of LF, CRLF and CR, in any Unicode encoding', () => {
    const line = fc.string({ unit: fc.oneof(codePoint(0x20, 0x7e), codePoint(0xa0, 0x2fff)), maxLength: 20 });
    const ending = fc.constantFrom('\n', '\r\n', '\r', '');
    const file = fc
      .record({
        lines: fc.array(fc.tuple(line, ending), { maxLength: 12 }),
        encoding: fc.constantFrom<'utf8' | 'utf16le' | 'utf16be'>('utf8', 'utf16le', 'utf16be'),
        bom: fc.boolean(),
      })
      .map(({ lines, encoding, bom }) => {
        const text = `${bom ? '\ufeff' : ''}${lines.map(([l, e]) => l + e).join('')}`;
        if (encoding === 'utf8') return Buffer.from(text, 'utf8');
        const le = Buffer.from(text, 'utf16le');
        return encoding === 'utf16be' ? le.swap16() : le;
      });
    fc.assert(fc.property(file, acceptedRoundTrips), { numRuns: 1000 });
  });
});

describe('the final newline is an ordinary edit', () => {
  const withBom = fc.record({
    encoding: fc.constantFrom('utf-8', 'utf-16le', 'utf-16be'),
    bom: fc.constant(true),
    lineEnding,
    finalNewline: fc.boolean(),
  });
  const textWithoutFinalNewline = fc
    .string({ unit: typedChar, maxLength: 200 })
    .map((text) => text.replace(/[\r\n]+$/, ''));

  test('adding one saves the line ending at the end, removing it saves the file without it', () => {
    fc.assert(
      fc.property(textWithoutFinalNewline, withBom, (text, format) => {
        const file = encodeText(text, format);
        const opened = decodeText(file);
        expect(opened.format.finalNewline).toBe(false);

        const added = reencodeText(opened, `${opened.text}\n`);
        const newline = encodeText('\n', { ...opened.format, bom: false });
        expect(added.equals(Buffer.concat([file, newline]))).toBe(true);
        const reopened = decodeText(added);
        expect(reopened.text).toBe(`${opened.text}\n`);
        expect(reopened.format.finalNewline).toBe(true);

        const removed = reencodeText(reopened, reopened.text.slice(0, -1));
        expect(removed.equals(file)).toBe(true);
        expect(decodeText(removed).format.finalNewline).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('UTF-8 is recognised exactly as a strict decoder would (the fast checks change speed, not answers)', () => {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const strictOrNull = (bytes: Uint8Array) => {
    try {
      return strict.decode(bytes);
    } catch {
      return null;
    }
  };
  // Bytes near UTF-8: ASCII, valid sequences of every length, and the invalid ones a decoder must refuse
  // (lone continuation, overlong, an encoded surrogate, beyond U+10FFFF, truncated).
  const piece = fc.oneof(
    fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
    fc.string({ unit: 'grapheme', maxLength: 4 }).map((text) => text.replace(/\0/g, '')),
    fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff]),
  );
  const file = fc
    .array(piece, { maxLength: 20 })
    .map((pieces) =>
      Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))),
    );

  test('arbitrary near-UTF-8 bytes: UTF-8 exactly when a fatal TextDecoder reads them, with its text', () => {
    fc.assert(
      fc.property(file, (bytes) => {
        fc.pre(bytes.length > 0 && bytes.indexOf(0xef) !== 0 && !(bytes[0] === 0xff && bytes[1] === 0xfe));
        const expected = strictOrNull(bytes);
        const decoded = decodeOrRefuse(bytes);
        if (expected !== null) {
          expect(decoded?.format.encoding).toBe('utf-8');
          expect(decoded?.text).toBe(normalizeLineBreaks(expected));
        } else {
          expect(decoded?.format.encoding).not.toBe('utf-8');
        }
      }),
      RUNS,
    );
  });

  test('an all-ASCII file takes the copying path and is the same text', () => {
    const ascii = Buffer.from('plain ASCII notes\nwith two lines\n');
    expect(decodeText(ascii)).toEqual({
      text: 'plain ASCII notes\nwith two lines\n',
      format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: true },
    });
  });
});
