import { expect, test } from 'vitest';
import { reopenedWords, unwritableQuestion, unwritableRefusal } from './encoding-words.ts';

const unwritable = {
  encoding: 'iso-8859-1',
  characters: [
    { character: '€', lines: [3], moreLines: 0 },
    { character: '✓', lines: [9], moreLines: 0 },
  ],
  moreCharacters: 0,
};

test('a refused save names the characters, their lines, the encoding and the file, and offers UTF-8', () => {
  expect(unwritableQuestion('notes.txt', unwritable, null)).toEqual({
    title: 'Save notes.txt as UTF-8?',
    message:
      '“€” on line 3 and “✓” on line 9 cannot be written in Latin-1 (ISO-8859-1), so notes.txt was not saved. UTF-8 can hold every character: save it as UTF-8 instead? Your text stays as it is.',
  });
});

test('a refused Save As names the file it did not create', () => {
  const target = { path: '/Notes/copy.txt', overwrite: false };
  expect(unwritableQuestion('notes.txt', unwritable, target).message).toContain(
    'so copy.txt was not created',
  );
  expect(unwritableRefusal(unwritable, target)).toMatch(/^copy\.txt was not created: “€” on line 3/);
  expect(unwritableRefusal(unwritable, null)).toMatch(/^Not saved: .*your text is kept here\.$/);
});

test('a reopen that could not read every byte says so, and what saving would do', () => {
  expect(reopenedWords('a.txt', 'utf-8', false)).toBe('Reopened a.txt as UTF-8.');
  expect(reopenedWords('a.txt', 'utf-8', true)).toMatch(/show as “\ufffd”; saving would write/);
});
