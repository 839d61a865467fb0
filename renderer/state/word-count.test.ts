import { expect, test } from 'vitest';
import { countWords, readingMinutes } from './word-count.ts';

const segmenterWords = (text: string) =>
  [...new Intl.Segmenter('en', { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike).length;

test('words are runs of letters and digits, whatever the punctuation and spacing between them', () => {
  expect(countWords('')).toBe(0);
  expect(countWords('  \n\t ')).toBe(0);
  expect(countWords('Hello, world!')).toBe(2);
  expect(countWords('one\ttwo\nthree  four — five')).toBe(5);
  expect(countWords('# Heading\n\n- [ ] a task, *emphasis* and `code`')).toBe(6);
});

test("contractions, abbreviations and decimals are one word each, as Unicode's word boundaries say", () => {
  for (const text of ["don't", 'l’homme', 'e.g', '3.14', 'U.S.A', 'snake_case'])
    expect([text, countWords(text)]).toEqual([text, 1]);
  const prose = "It's 3.14 e.g. naïve café — don't stop: Ünïcödé Straße, Ελληνικά, русский, عربي 42.";
  expect(countWords(prose)).toBe(segmenterWords(prose));
});

test('Chinese, Japanese and Thai, written without spaces, are counted by word, not by line or letter', () => {
  expect(countWords('東京は晴れ')).toBe(segmenterWords('東京は晴れ'));
  expect(countWords('東京は晴れ')).toBeGreaterThan(1);
  expect(countWords('東京は晴れ')).toBeLessThan(5);
  expect(countWords('我喜欢写作')).toBeGreaterThan(1);
  expect(countWords('ภาษาไทยง่ายนิดเดียว')).toBeGreaterThan(1);
  expect(countWords('Opus と 東京')).toBe(segmenterWords('Opus と 東京'));
});

test('emoji and symbols are no words', () => {
  expect(countWords('🎉 → ✓ + = ...')).toBe(0);
});

test('reading time is about 230 words a minute', () => {
  expect(readingMinutes(230)).toBe(1);
  expect(readingMinutes(2300)).toBe(10);
});
