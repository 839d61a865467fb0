import iconv from 'iconv-lite';
import { expect, test } from 'vitest';
import { characterName, ENCODING_CHOICES, encodingName, unwritableWords } from './encodings.ts';

test('every encoding offered is one the codec can write', () => {
  for (const { encoding } of ENCODING_CHOICES) expect(iconv.encodingExists(encoding), encoding).toBe(true);
});

test('an encoding is named in words people know, or by its name when not in the list', () => {
  expect(encodingName('iso-8859-1')).toBe('Latin-1 (ISO-8859-1)');
  expect(encodingName('UTF-8')).toBe('UTF-8');
  expect(encodingName('utf-16le')).toBe('UTF-16 LE');
  expect(encodingName('macintosh')).toBe('MACINTOSH');
});

test('the refusal names every character and its lines, and counts what it does not list', () => {
  expect(
    unwritableWords({
      encoding: 'iso-8859-1',
      characters: [
        { character: '€', lines: [3], moreLines: 0 },
        { character: '✓', lines: [9, 12, 14], moreLines: 2 },
      ],
      moreCharacters: 1,
    }),
  ).toBe(
    '“€” on line 3, “✓” on lines 9, 12, 14 and 2 more, and 1 other character cannot be written in Latin-1 (ISO-8859-1)',
  );
});

test('characters on the same lines are named together', () => {
  const line1 = (character: string) => ({ character, lines: [1], moreLines: 0 });
  expect(
    unwritableWords({
      encoding: 'windows-1252',
      characters: [line1('東'), line1('京'), line1('か')],
      moreCharacters: 4,
    }),
  ).toBe('“東”, “京” and “か” on line 1, and 4 other characters cannot be written in Western (Windows 1252)');
});

test('a character that cannot be seen is named by its code point', () => {
  expect(characterName('\u00a0')).toBe('U+00A0');
  expect(characterName('\u0301')).toBe('U+0301');
  expect(characterName('€')).toBe('“€”');
});

test('two characters on one line each read as one sentence', () => {
  expect(
    unwritableWords({
      encoding: 'iso-8859-1',
      characters: [
        { character: '€', lines: [3], moreLines: 0 },
        { character: '✓', lines: [9], moreLines: 0 },
      ],
      moreCharacters: 0,
    }),
  ).toBe('“€” on line 3 and “✓” on line 9 cannot be written in Latin-1 (ISO-8859-1)');
});
