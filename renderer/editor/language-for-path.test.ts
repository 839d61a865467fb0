import { expect, test } from 'vitest';
import { languageForPath, languageLabel } from './language-for-path.ts';

test('.md is Markdown, whatever the case of the extension', () => {
  expect(languageForPath('/Notes/README.md')).toBe('markdown');
  expect(languageForPath('/Notes/CHANGES.MD')).toBe('markdown');
  expect(languageLabel(languageForPath('/a.markdown'))).toBe('Markdown');
});

test('code files are coloured by their language', () => {
  expect(languageForPath('/src/app.tsx')).toBe('typescript');
  expect(languageForPath('/src/index.mjs')).toBe('javascript');
  expect(languageForPath('/tool.py')).toBe('python');
  expect(languageForPath('/package.json')).toBe('json');
  expect(languageForPath('/site/index.htm')).toBe('html');
});

test('an unknown extension, no extension or a dotfile is plain text', () => {
  expect(languageForPath('/magnum-opus.txt')).toBe('plaintext');
  expect(languageForPath('/Makefile')).toBe('plaintext');
  expect(languageForPath('/.bashrc')).toBe('plaintext');
  expect(languageLabel('plaintext')).toBe('Plain Text');
});

test('only the file name counts, not a dot in a folder name', () => {
  expect(languageForPath('/v1.md/notes')).toBe('plaintext');
});
