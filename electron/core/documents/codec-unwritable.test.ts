import { expect, test } from 'vitest';
import { isOpusError } from '../errors.ts';
import { encodeText } from './codec.ts';
import { unwritableCharacters } from './codec-unwritable.ts';

const latin1 = { encoding: 'iso-8859-1', bom: false, lineEnding: 'crlf', finalNewline: true } as const;

test('names each character Latin-1 cannot hold with the lines it is on, in order of appearance', () => {
  const text = 'Café\nPreis: 5 €\nok\n✓ done, ✓ twice\n€ again\n';
  expect(unwritableCharacters(text, 'iso-8859-1')).toEqual({
    encoding: 'iso-8859-1',
    characters: [
      { character: '€', lines: [2, 5], moreLines: 0 },
      { character: '✓', lines: [4], moreLines: 0 },
    ],
    moreCharacters: 0,
  });
});

test('lists a few lines and a few characters, and counts the rest', () => {
  const text = `${'€\n'.repeat(6)}αβγδεζη`;
  const found = unwritableCharacters(text, 'iso-8859-1');
  expect(found.characters[0]).toEqual({ character: '€', lines: [1, 2, 3], moreLines: 3 });
  expect(found.characters.map((entry) => entry.character)).toEqual(['€', 'α', 'β', 'γ', 'δ']);
  expect(found.moreCharacters).toBe(3);
});

test('a character outside the Basic Multilingual Plane is one character, not two halves', () => {
  expect(unwritableCharacters('a 😀 b', 'windows-1252').characters).toEqual([
    { character: '😀', lines: [1], moreLines: 0 },
  ]);
});

test('a refused save says which characters and lines, and carries them as data', () => {
  let thrown: unknown;
  try {
    encodeText('Café\r\nPreis: 5 €\r\n', latin1);
  } catch (error) {
    thrown = error;
  }
  expect(isOpusError(thrown, 'unsupported_encoding')).toBe(true);
  if (!isOpusError(thrown)) return;
  expect(thrown.message).toBe('“€” on line 2 cannot be written in Latin-1 (ISO-8859-1).');
  expect(thrown.detail.unwritable?.characters).toEqual([{ character: '€', lines: [2], moreLines: 0 }]);
});
