import { expect, test } from 'vitest';
import { readingTimeWords, writerStatusParts, writerStatusWords } from './writer-status-words.ts';

test("the document's words, characters and reading time", () => {
  expect(writerStatusWords({ words: 1234, characters: 7890, selection: false })).toBe(
    '1,234 words · 7,890 characters · 5 min read',
  );
  expect(writerStatusWords({ words: 1, characters: 1, selection: false })).toBe(
    '1 word · 1 character · under 1 min read',
  );
  expect(writerStatusWords({ words: 0, characters: 0, selection: false })).toBe('0 words · 0 characters');
});

test("a selection's words and characters, said to be the selection's", () => {
  expect(writerStatusWords({ words: 2, characters: 9, selection: true })).toBe(
    '2 words selected · 9 characters',
  );
});

test('a narrow window keeps the words and leaves out the rest', () => {
  expect(writerStatusParts({ words: 1234, characters: 7890, selection: false })).toEqual({
    words: '1,234 words',
    more: ' · 7,890 characters · 5 min read',
  });
});

test('while a large document is counted, its characters are shown and its words are on their way', () => {
  expect(writerStatusWords({ words: null, characters: 20_971_520, selection: false })).toBe(
    'Counting words… · 20,971,520 characters',
  );
});

test('reading time rounds to the minute at about 230 words a minute, in hours past the hour', () => {
  expect(readingTimeWords(229)).toBe('under 1 min read');
  expect(readingTimeWords(230)).toBe('1 min read');
  expect(readingTimeWords(2300 + 114)).toBe('10 min read');
  expect(readingTimeWords(30_000)).toBe('2 h 10 min read');
  expect(readingTimeWords(230 * 120)).toBe('2 h read');
});
