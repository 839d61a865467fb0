import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { saveText } from '../test-support/document-edits.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

interface Fixture {
  name: string;
  /** The file's lines as stored (line endings included). */
  encode(stored: string): Buffer;
  stored: string;
  format: { encoding: string | RegExp; bom: boolean; lineEnding: 'lf' | 'crlf'; finalNewline: boolean };
  /** What the editor shows for `stored`. */
  text: string;
  /** One line changed in the editor. */
  edited: string;
  /** The same change as stored in the file. */
  editedStored: string;
}

const fixtures: Fixture[] = [
  {
    name: 'UTF-8 with a BOM',
    encode: (s) => Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(s, 'utf8')]),
    stored: 'first\nsecond\nthird\n',
    format: { encoding: 'utf-8', bom: true, lineEnding: 'lf', finalNewline: true },
    text: 'first\nsecond\nthird\n',
    edited: 'first\nsecond — édité ✓\nthird\n',
    editedStored: 'first\nsecond — édité ✓\nthird\n',
  },
  {
    name: 'UTF-16 LE with a BOM and CRLF',
    encode: (s) => Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(s, 'utf16le')]),
    stored: 'first\r\nsecond\r\nthird\r\n',
    format: { encoding: 'utf-16le', bom: true, lineEnding: 'crlf', finalNewline: true },
    text: 'first\nsecond\nthird\n',
    edited: 'first\nsecond 第二\nthird\n',
    editedStored: 'first\r\nsecond 第二\r\nthird\r\n',
  },
  {
    name: 'UTF-16 BE with a BOM',
    encode: (s) => Buffer.concat([Buffer.of(0xfe, 0xff), utf16be(s)]),
    stored: 'first\nsecond\nthird\n',
    format: { encoding: 'utf-16be', bom: true, lineEnding: 'lf', finalNewline: true },
    text: 'first\nsecond\nthird\n',
    edited: 'first\nsecond 😀\nthird\n',
    editedStored: 'first\nsecond 😀\nthird\n',
  },
  {
    name: 'Latin-1 (windows-1252) with CRLF',
    encode: (s) => iconv.encode(s, 'windows-1252'),
    stored: 'Le café était fermé.\r\n“Déjà vu” — naïve façade.\r\nÇa va très bien, merci.\r\n',
    format: { encoding: /^(windows-1252|iso-8859-1)$/, bom: false, lineEnding: 'crlf', finalNewline: true },
    text: 'Le café était fermé.\n“Déjà vu” — naïve façade.\nÇa va très bien, merci.\n',
    edited: 'Le café était fermé.\n“Déjà vu” — naïve façade, encore.\nÇa va très bien, merci.\n',
    editedStored: 'Le café était fermé.\r\n“Déjà vu” — naïve façade, encore.\r\nÇa va très bien, merci.\r\n',
  },
  {
    name: 'CRLF without a final newline',
    encode: (s) => Buffer.from(s, 'utf8'),
    stored: 'first\r\nsecond\r\nthird',
    format: { encoding: 'utf-8', bom: false, lineEnding: 'crlf', finalNewline: false },
    text: 'first\nsecond\nthird',
    edited: 'first\nsecond, edited\nthird',
    editedStored: 'first\r\nsecond, edited\r\nthird',
  },
  {
    name: 'LF without a final newline',
    encode: (s) => Buffer.from(s, 'utf8'),
    stored: 'first\nsecond\nthird',
    format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: false },
    text: 'first\nsecond\nthird',
    edited: 'first\nsecond, edited\nthird',
    editedStored: 'first\nsecond, edited\nthird',
  },
];

describe('a file opened, edited on one line and saved keeps its encoding, BOM and line endings', () => {
  for (const fixture of fixtures) {
    test(fixture.name, async () => {
      const path = `/Codec/${fixture.name.replace(/[^\w]+/g, '-')}.txt`;
      const original = fixture.encode(fixture.stored);
      await bench.put(path, original);
      const doc = await bench.opus.open(path);
      expect(doc.text).toBe(fixture.text);
      expect(doc.format).toEqual({
        ...fixture.format,
        encoding: expect.stringMatching(fixture.format.encoding),
      });

      const saved = await saveText(bench.opus, doc.documentId, fixture.edited);
      expect(saved.kind).toBe('saved');
      const expected = fixture.encode(fixture.editedStored);
      expect((await bench.get(path)).equals(expected)).toBe(true);

      // And once more unchanged: nothing moves, the content_hash stays.
      if (saved.kind !== 'saved') return;
      const again = await saveText(bench.opus, doc.documentId, fixture.edited);
      expect(again).toEqual(saved);
      await bench.opus.call('closeDocument', { documentId: doc.documentId });
    });
  }
});

test('a character the file’s legacy encoding cannot hold is refused, not written as “?”', async () => {
  const path = '/Codec/latin1-refuses.txt';
  const original = iconv.encode('Déjà vu, très bien.\n', 'windows-1252');
  await bench.put(path, original);
  const doc = await bench.opus.open(path);
  bench.takeCounts();
  await expect(saveText(bench.opus, doc.documentId, 'Déjà vu 日本\n')).rejects.toMatchObject({
    kind: 'unsupported_encoding',
  });
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
  expect((await bench.get(path)).equals(original)).toBe(true);
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});

test('a binary file (a PNG) is refused on open with kind binary_file', async () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  await bench.put('/Codec/pixel.png', png);
  expect(await bench.opus.envelope('openDocument', { path: '/Codec/pixel.png' })).toMatchObject({
    ok: false,
    error: { kind: 'binary_file', message: expect.stringContaining('binary') },
  });
});

describe('guard rails', () => {
  const long = Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1}: words worth keeping.`).join('\n');

  test('emptying a file that has text asks first; confirmed, it saves', async () => {
    await bench.put('/Guard/empty.txt', 'something worth keeping\n');
    const doc = await bench.opus.open('/Guard/empty.txt');
    bench.takeCounts();
    const asked = await saveText(bench.opus, doc.documentId, '');
    expect(asked).toEqual({ kind: 'needs_confirmation', reason: 'empty', removedRatio: 1 });
    expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
    expect((await bench.get('/Guard/empty.txt')).toString()).toBe('something worth keeping\n');
    const saved = await saveText(bench.opus, doc.documentId, '', { confirmed: true });
    expect(saved).toMatchObject({ kind: 'saved', remote: { size: 0 } });
    expect((await bench.get('/Guard/empty.txt')).length).toBe(0);
  });

  test('removing most of a file asks first; confirmed, it saves', async () => {
    await bench.put('/Guard/most.txt', long);
    const doc = await bench.opus.open('/Guard/most.txt');
    const kept = long.split('\n').slice(0, 3).join('\n');
    const asked = await saveText(bench.opus, doc.documentId, kept);
    expect(asked).toMatchObject({ kind: 'needs_confirmation', reason: 'most_removed' });
    if (asked.kind !== 'needs_confirmation') return;
    expect(asked.removedRatio).toBeGreaterThan(0.8);
    expect((await bench.get('/Guard/most.txt')).toString()).toBe(long);
    const saved = await saveText(bench.opus, doc.documentId, kept, { confirmed: true });
    expect(saved.kind).toBe('saved');
    expect((await bench.get('/Guard/most.txt')).toString()).toBe(kept);
  });

  test('an ordinary edit that removes a little saves without asking', async () => {
    await bench.put('/Guard/little.txt', long);
    const doc = await bench.opus.open('/Guard/little.txt');
    const trimmed = long.split('\n').slice(0, 17).join('\n');
    expect((await saveText(bench.opus, doc.documentId, trimmed)).kind).toBe('saved');
  });
});
