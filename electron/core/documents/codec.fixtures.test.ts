import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { isOpusError } from '../errors.ts';
import { type DecodedText, decodeText, encodeText, reencodeText } from './codec.ts';

const bytes = (...parts: (string | number[] | Uint8Array)[]): Buffer =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );

/** Decodes, and proves that saving the unchanged text gives the very same bytes (same content_hash). */
function open(file: Uint8Array): DecodedText {
  const decoded = decodeText(file);
  expect(Buffer.from(reencodeText(decoded, decoded.text)).equals(Buffer.from(file))).toBe(true);
  if (!decoded.original)
    expect(encodeText(decoded.text, decoded.format).equals(Buffer.from(file))).toBe(true);
  return decoded;
}

function refusal(file: Uint8Array): string {
  try {
    decodeText(file);
  } catch (error) {
    if (isOpusError(error)) return `${error.kind}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('Unicode files open and save back byte for byte', () => {
  test('UTF-8 without a BOM', () => {
    expect(open(bytes('Hello, wörld ✓ 🎉\nsecond line\n'))).toEqual({
      text: 'Hello, wörld ✓ 🎉\nsecond line\n',
      format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: true },
    });
  });

  test('UTF-8 with a BOM, and a second BOM kept as a character', () => {
    expect(open(bytes([0xef, 0xbb, 0xbf], 'café\n')).format).toEqual({
      encoding: 'utf-8',
      bom: true,
      lineEnding: 'lf',
      finalNewline: true,
    });
    expect(open(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'x')).text).toBe('\ufeffx');
    expect(open(bytes([0xef, 0xbb, 0xbf]))).toMatchObject({
      text: '',
      format: { bom: true, finalNewline: false },
    });
  });

  test('UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße 𝄞\r\nzwei\r\n', 'utf16le')]);
    expect(open(le)).toEqual({
      text: 'Grüße 𝄞\nzwei\n',
      format: { encoding: 'utf-16le', bom: true, lineEnding: 'crlf', finalNewline: true },
    });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('日本語\nok', 'utf16le').swap16()]);
    expect(open(be)).toEqual({
      text: '日本語\nok',
      format: { encoding: 'utf-16be', bom: true, lineEnding: 'lf', finalNewline: false },
    });
  });

  test('UTF-16 without a BOM, when the NUL pattern is clear', () => {
    expect(open(Buffer.from('plain ASCII in UTF-16\n', 'utf16le')).format.encoding).toBe('utf-16le');
    expect(open(Buffer.from('plain ASCII in UTF-16\n', 'utf16le').swap16()).format.encoding).toBe('utf-16be');
  });

  test('CRLF files show LF in the editor and keep CRLF on disk', () => {
    const decoded = open(bytes('one\r\ntwo\r\n\r\nfour\r\n'));
    expect(decoded.text).toBe('one\ntwo\n\nfour\n');
    expect(decoded.format.lineEnding).toBe('crlf');
    expect(encodeText(`${decoded.text}five\n`, decoded.format).toString()).toBe(
      'one\r\ntwo\r\n\r\nfour\r\nfive\r\n',
    );
  });

  test('a CRLF file with a final newline keeps \\r\\n at the end', () => {
    const decoded = open(bytes('first\r\nlast\r\n'));
    expect(decoded).toMatchObject({
      text: 'first\nlast\n',
      format: { lineEnding: 'crlf', finalNewline: true },
    });
    const edited = decoded.text.replace('last', 'last, edited');
    expect(encodeText(edited, decoded.format).toString()).toBe('first\r\nlast, edited\r\n');
  });

  test('the final newline is part of the editor text, as many as the file has', () => {
    expect(open(bytes('no newline at the end'))).toMatchObject({
      text: 'no newline at the end',
      format: { finalNewline: false },
    });
    expect(open(bytes('one\n'))).toMatchObject({ text: 'one\n', format: { finalNewline: true } });
    expect(open(bytes('one\n\n'))).toMatchObject({ text: 'one\n\n', format: { finalNewline: true } });
    expect(open(bytes('\n'))).toMatchObject({ text: '\n', format: { finalNewline: true } });
  });

  test.each<[string, string, string]>([
    ['last line\n', 'last line', 'last line'],
    ['a\r\nb\r\n', 'a\nb', 'a\r\nb'],
    ['\n', '', ''],
  ])('removing the final newline in the editor saves a file without one (%j)', (file, edited, saved) => {
    const decoded = open(bytes(file));
    expect(decoded.format.finalNewline).toBe(true);
    expect(reencodeText(decoded, edited).toString()).toBe(saved);
    expect(open(bytes(saved))).toMatchObject({ text: edited, format: { finalNewline: false } });
  });

  test.each<[string, string, string]>([
    ['last line', 'last line\n', 'last line\n'],
    ['a\r\nb', 'a\nb\n', 'a\r\nb\r\n'],
    ['', '\n', '\n'],
  ])('adding a final newline in the editor saves a file with one (%j)', (file, edited, saved) => {
    const decoded = open(bytes(file));
    expect(decoded.format.finalNewline).toBe(false);
    expect(reencodeText(decoded, edited).toString()).toBe(saved);
    expect(open(bytes(saved))).toMatchObject({ text: edited, format: { finalNewline: true } });
  });

  test('format.finalNewline is informational: encodeText never adds or drops one', () => {
    for (const finalNewline of [true, false]) {
      const format = { encoding: 'utf-8', bom: false, lineEnding: 'crlf', finalNewline } as const;
      expect(encodeText('a\nb', format).toString()).toBe('a\r\nb');
      expect(encodeText('a\nb\n', format).toString()).toBe('a\r\nb\r\n');
    }
  });

  test('adding or removing a final newline in the editor is saved exactly as typed', () => {
    const format = open(bytes('last line')).format;
    const saved = encodeText('last line\n\n', format);
    expect(saved.toString()).toBe('last line\n\n');
    expect(open(saved)).toMatchObject({ text: 'last line\n\n', format: { finalNewline: true } });
    const trimmed = encodeText('last line', open(saved).format);
    expect(trimmed.toString()).toBe('last line');
  });

  test('an empty file is empty UTF-8 text', () => {
    expect(open(new Uint8Array())).toEqual({
      text: '',
      format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: false },
    });
  });
});

describe('legacy encodings go through the detector', () => {
  test('Latin-1 text with é and ü reads as the letters the author typed', () => {
    const decoded = open(Buffer.from('Café Müller mag Crème brûlée und Käse.\nÜbermorgen!\n', 'latin1'));
    expect(['iso-8859-1', 'windows-1252']).toContain(decoded.format.encoding);
    expect(decoded.text).toBe('Café Müller mag Crème brûlée und Käse.\nÜbermorgen!\n');
  });

  test('a file too short for the detector still opens losslessly', () => {
    expect(open(Buffer.from([0xe9])).text).toBe('é');
  });

  test('Windows-1252 smart quotes and the euro sign', () => {
    const decoded = open(iconv.encode('“Quoted” – it costs 5 € — naïve café.\r\n', 'windows-1252'));
    expect(decoded).toMatchObject({
      text: '“Quoted” – it costs 5 € — naïve café.\n',
      format: { encoding: 'windows-1252' },
    });
  });

  test('Shift_JIS', () => {
    const text = '日本語のテキストです。こんにちは世界。\nこれは長い文章です。\n';
    const decoded = open(iconv.encode(text, 'shift_jis'));
    expect(decoded).toMatchObject({ text, format: { encoding: 'shift_jis', bom: false } });
  });

  test('a Shift_JIS file with bytes iconv cannot write back is refused, not corrupted', () => {
    const file = Buffer.concat([
      iconv.encode('日本語のテキストです。こんにちは世界。\n'.repeat(3), 'shift_jis'),
      Buffer.from([0x85, 0x40]),
    ]);
    expect(refusal(file)).toMatch(/^unsupported_encoding: .*Shift_JIS/);
  });

  test('typing a character the file encoding cannot hold refuses the save instead of writing "?"', () => {
    const format = { encoding: 'iso-8859-1', bom: false, lineEnding: 'lf', finalNewline: true } as const;
    expect(encodeText('café\n', format)).toEqual(Buffer.from('café\n', 'latin1'));
    expect(() => encodeText('5 €', format)).toThrow(
      expect.objectContaining({ kind: 'unsupported_encoding' }),
    );
  });
});

describe('files that cannot round-trip as text', () => {
  test('a PNG is refused as binary', () => {
    const png = bytes([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0,
      1, 0, 8, 6, 0, 0, 0,
    ]);
    expect(refusal(png)).toMatch(/^binary_file: This file looks binary/);
  });

  test('a ZIP is refused as binary', () => {
    const zip = bytes(
      [
        0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, 0x21, 0x4c, 0x7b, 0x5a, 0xa3, 0x1c, 0x29, 0x1c, 0x0c,
        0, 0, 0, 0x0e, 0, 0, 0, 0x09, 0, 0x1c, 0,
      ],
      'hello.txt',
      [0xcb, 0x48, 0xcd, 0xc9],
    );
    expect(refusal(zip)).toMatch(/^binary_file:/);
  });

  test('a NUL in the middle of otherwise plain text is refused as binary', () => {
    expect(refusal(bytes('first half', [0], 'second half\n'))).toMatch(/^binary_file:/);
  });

  test('control characters without NULs are refused as binary', () => {
    expect(refusal(bytes([0x01, 0x02, 0x03, 0x04, 0x05, 0x41, 0x06, 0x07, 0x08, 0x0e, 0x0f]))).toMatch(
      /^binary_file:/,
    );
  });

  test('text with the odd tab, form feed or escape sequence is still text', () => {
    expect(open(bytes('\tcol\fpage \u001b[1mbold\u001b[0m\n')).format.encoding).toBe('utf-8');
  });

  test('a UTF-8 BOM on invalid UTF-8, or truncated UTF-16, is refused', () => {
    expect(refusal(bytes([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62]))).toMatch(/^unsupported_encoding:/);
    expect(refusal(bytes([0xff, 0xfe, 0x61, 0x00, 0x62]))).toMatch(/^unsupported_encoding:/);
  });
});

describe('mixed line endings: the original bytes are kept while the text is unchanged', () => {
  test('the majority wins for edits, and the exact bytes come back for an unchanged save', () => {
    const file = bytes('a\r\nb\r\nc\nd\r\n');
    const decoded = open(file);
    expect(decoded.text).toBe('a\nb\nc\nd\n');
    expect(decoded.format.lineEnding).toBe('crlf');
    expect(decoded.original).toBeDefined();
    expect(reencodeText(decoded, decoded.text.replace('d\n', 'd!\n')).toString()).toBe(
      'a\r\nb\r\nc\r\nd!\r\n',
    );
  });

  test('a tie is LF', () => {
    expect(open(bytes('a\r\nb\nc')).format.lineEnding).toBe('lf');
  });

  test('lone CRs (classic Mac) are line breaks in the editor', () => {
    const decoded = open(bytes('one\rtwo\rthree\r'));
    expect(decoded).toMatchObject({
      text: 'one\ntwo\nthree\n',
      format: { lineEnding: 'lf', finalNewline: true },
    });
    expect(decoded.original).toBeDefined();
  });

  test('uniform files carry no copy of their bytes', () => {
    expect(open(bytes('a\r\nb\r\n')).original).toBeUndefined();
  });

  test('the editor handing back CRLF does not produce CR CR LF', () => {
    const format = { encoding: 'utf-8', bom: false, lineEnding: 'crlf', finalNewline: false } as const;
    expect(encodeText('a\r\nb\nc', format).toString()).toBe('a\r\nb\r\nc');
  });
});
