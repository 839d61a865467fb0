import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Text, textOf } from '../text/text-edits.ts';
import { encodeText, encodeTextChunks, type TextFormat } from './codec.ts';

const utf8 = (bom: boolean, lineEnding: 'lf' | 'crlf' = 'lf'): TextFormat => ({
  encoding: 'utf-8',
  bom,
  lineEnding,
  finalNewline: true,
});

/** Every chunk `encodeTextChunks` makes for `count`-byte requests, until it makes none. */
function chunksOf(text: string | Text, format: TextFormat, count: number) {
  const source = encodeTextChunks(text, format);
  const chunks: Uint8Array[] = [];
  for (let chunk = source.next(count); chunk.length > 0; chunk = source.next(count)) chunks.push(chunk);
  return { source, chunks };
}

// Characters of every UTF-8 width, surrogate pairs, and lone surrogates (which both ways write as U+FFFD).
const anyUnit = fc.oneof(
  fc.constantFrom('a', '\n', 'é', '—', '€', '😀', '𝄞', '\ud800', '\udfff', '\r\n'),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
);

describe('a text encoded a chunk at a time, as a large save sends it', () => {
  test('concatenates to exactly the bytes encoded at once, every chunk full but the last', () => {
    fc.assert(
      fc.property(
        fc.array(anyUnit, { maxLength: 200 }).map((units) => units.join('')),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        fc.constantFrom<'lf' | 'crlf'>('lf', 'crlf'),
        (text, count, bom, lineEnding) => {
          const format = utf8(bom, lineEnding);
          const whole = encodeText(text, format);
          const { source, chunks } = chunksOf(text, format, count);
          expect(Buffer.concat(chunks).equals(whole)).toBe(true);
          expect(chunks.slice(0, -1).every((chunk) => chunk.length === count)).toBe(true);
          expect(source.expectedSize()).toBe(whole.length);
          expect(source.atLeast).toBeLessThanOrEqual(whole.length);
          expect(source.atMost).toBeGreaterThanOrEqual(whole.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('cuts a four-byte character across chunks without losing a byte of it', () => {
    const text = `ab${'😀'.repeat(5)}`;
    const { chunks } = chunksOf(text, utf8(false), 4);
    expect(chunks.map((chunk) => chunk.length)).toEqual([4, 4, 4, 4, 4, 2]);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
  });

  test('estimates the total from what it has made before it has made everything', () => {
    const text = 'é'.repeat(1000);
    const source = encodeTextChunks(text, utf8(false));
    source.next(100);
    expect(source.expectedSize()).toBe(2000);
  });

  test('in another encoding, makes the whole at once and hands out views of it', () => {
    const format: TextFormat = {
      encoding: 'windows-1252',
      bom: false,
      lineEnding: 'crlf',
      finalNewline: true,
    };
    const text = 'café\nnaïve\n';
    const whole = encodeText(text, format);
    const { chunks } = chunksOf(text, format, 4);
    expect(Buffer.concat(chunks).equals(whole)).toBe(true);
    expect(encodeTextChunks(text, format).whole()).toEqual(whole);
  });

  // Main holds a `Text`, a tree of leaves of up to 32 lines: many lines make many leaves, and edits an
  // unbalanced tree, whose pieces must still join into exactly the bytes of the text made whole.
  const manyLines = fc.array(fc.oneof(anyUnit, fc.constant('\n')), { minLength: 0, maxLength: 400 });
  const editedText = fc
    .tuple(manyLines, fc.array(fc.tuple(fc.nat(), fc.nat(5), manyLines), { maxLength: 6 }))
    .map(([units, edits]) =>
      edits.reduce(
        (text: Text, [at, remove, insert]) => {
          const from = at % (text.length + 1);
          return text.replace(from, Math.min(text.length, from + remove), textOf(insert.join('')));
        },
        textOf(units.join('')),
      ),
    );

  test("from main's Text, leaf by leaf: the same bytes as its string, at once and in chunks", () => {
    fc.assert(
      fc.property(
        editedText,
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        fc.constantFrom<'lf' | 'crlf'>('lf', 'crlf'),
        (text, count, bom, lineEnding) => {
          const format = utf8(bom, lineEnding);
          const whole = encodeText(text.toString(), format);
          expect(Buffer.from(encodeTextChunks(text, format).whole()).equals(whole)).toBe(true);
          const { source, chunks } = chunksOf(text, format, count);
          expect(Buffer.concat(chunks).equals(whole)).toBe(true);
          expect(chunks.slice(0, -1).every((chunk) => chunk.length === count)).toBe(true);
          expect(source.expectedSize()).toBe(whole.length);
          expect(source.atMost).toBeGreaterThanOrEqual(whole.length);
          // A CR is never in main's text (the contract refuses one); without one the bound is exact.
          if (!text.toString().includes('\r')) expect(source.atLeast).toBeLessThanOrEqual(whole.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a Text of many leaves gives the bytes of its string, with a BOM and CRLF', () => {
    const lines = Array.from({ length: 5000 }, (_, index) => `line ${index} é 😀`);
    const text = Text.of(lines).replace(7, 7, textOf('typed\nhere'));
    expect(text.children).not.toBeNull();
    const format = utf8(true, 'crlf');
    const { chunks } = chunksOf(text, format, 4096);
    expect(Buffer.concat(chunks).equals(encodeText(text.toString(), format))).toBe(true);
  });

  test('a CR that ends a leaf and the line break after it stay one line break', () => {
    // Not a text main keeps (the contract refuses a CR), but if one got there its bytes stay encodeText's.
    const text = Text.of(Array.from({ length: 100 }, (_, index) => `line ${index}\r`));
    expect(text.children).not.toBeNull();
    for (const lineEnding of ['lf', 'crlf'] as const) {
      const format = utf8(false, lineEnding);
      const whole = encodeText(text.toString(), format);
      expect(Buffer.concat(chunksOf(text, format, 100).chunks).equals(whole)).toBe(true);
    }
  });
});

describe('a text encoded whole, as a single-request save sends it', () => {
  test('gives exactly the bytes encoded at once, whatever it had to grow to', () => {
    fc.assert(
      fc.property(
        fc.array(anyUnit, { maxLength: 300 }).map((units) => units.join('')),
        fc.boolean(),
        fc.constantFrom<'lf' | 'crlf'>('lf', 'crlf'),
        fc.boolean(),
        (text, bom, lineEnding, asTree) => {
          const format = utf8(bom, lineEnding);
          // Mostly three-byte characters outgrow the first guess of a little over a byte a unit.
          const source = encodeTextChunks(asTree ? textOf(text.replaceAll('\r', '')) : text, format);
          const expected = encodeText(asTree ? text.replaceAll('\r', '') : text, format);
          expect(Buffer.from(source.whole()).equals(expected)).toBe(true);
          source.release?.();
        },
      ),
      { numRuns: 300 },
    );
  });

  test('never writes over bytes still being sent, and reuses them once they are not', () => {
    const format = utf8(false);
    // A spare larger than any text below, so every encoding here could be handed the same memory.
    const earlier = encodeTextChunks(textOf('earlier text\n'.repeat(5000)), format);
    earlier.whole();
    earlier.release?.();
    const first = encodeTextChunks(textOf('first text\n'.repeat(1000)), format);
    const sending = first.whole();
    const copy = Buffer.from(sending);
    const second = encodeTextChunks(textOf('other text\n'.repeat(1000)), format);
    const secondBytes = second.whole();
    expect(Buffer.from(sending).equals(copy)).toBe(true);
    expect(secondBytes.buffer).not.toBe(sending.buffer);
    second.release?.();
    first.release?.();
    first.release?.();
    // The larger one given back (the earlier spare) serves the next encoding: its pages are mapped already.
    const third = encodeTextChunks(textOf('third text\n'.repeat(900)), format);
    const thirdBytes = third.whole();
    expect(thirdBytes.buffer).toBe(sending.buffer);
    expect(Buffer.from(thirdBytes).toString('utf8')).toBe('third text\n'.repeat(900));
    third.release?.();
  });
});
