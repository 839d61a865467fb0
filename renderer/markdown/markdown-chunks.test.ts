import { describe, expect, test } from 'vitest';
import { referenceDefinitions, splitIntoChunks } from './markdown-chunks.ts';

const lines = (text: string) => text.split('\n');

describe('cutting a long document into chunks', () => {
  test('a short document is one chunk', () => {
    expect(splitIntoChunks(lines('# a\n\ntext\n'))).toEqual([
      { firstLine: 1, lineCount: 4, source: '# a\n\ntext\n' },
    ]);
  });

  test('chunks end at blank lines before unindented text, and cover every line once', () => {
    const text = Array.from({ length: 50 }, (_, at) => `Paragraph ${at}\nwraps here.\n`).join('\n');
    const chunks = splitIntoChunks(lines(text), 100);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.map((chunk) => chunk.source).join('\n')).toBe(text);
    for (const [at, chunk] of chunks.entries()) {
      const next = chunks[at + 1];
      if (next) expect(next.firstLine).toBe(chunk.firstLine + chunk.lineCount);
      expect(chunk.source.split('\n')[0]).toMatch(/^Paragraph/);
    }
  });

  test('a fenced code block with blank lines inside is never cut', () => {
    const code = ['```', 'one', '', 'two', '', 'three', '```'].join('\n');
    const chunks = splitIntoChunks(lines(`${code}\n\nafter\n`), 1);
    expect(chunks[0]?.source).toBe(`${code}\n`);
    expect(chunks[1]?.source).toBe('after\n');
  });

  test('an indented continuation stays with its list item', () => {
    const chunks = splitIntoChunks(lines('- item\n\n  more of it\n\nnext\n'), 1);
    expect(chunks.map((chunk) => chunk.source)).toEqual(['- item\n\n  more of it\n', 'next\n']);
  });

  test('reference definitions are gathered for every chunk', () => {
    expect(referenceDefinitions(lines('text [a]\n\n[a]: ./a.md\n  [B c]: https://x "t"\nnot [a]: def'))).toBe(
      '[a]: ./a.md\n  [B c]: https://x "t"',
    );
  });
});
