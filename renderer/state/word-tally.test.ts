import { describe, expect, test } from 'vitest';
import { countWords } from './word-count.ts';
import { type Span, type TalliedModel, WordTally } from './word-tally.ts';

type Change = { range: Span; text: string };

/** A text model as Monaco's behaves for the tally: lines, ranges, and a change event per edit. */
class Model implements TalliedModel {
  lines: string[];
  lineReads = 0;
  #listeners = new Set<(event: { changes: readonly Change[] }) => void>();
  constructor(text: string) {
    this.lines = text.split('\n');
  }
  getLineCount = () => this.lines.length;
  getLineContent = (line: number) => {
    this.lineReads++;
    return this.lines[line - 1] ?? '';
  };
  getValueLength = () => this.lines.join('\n').length;
  #offset = (line: number, column: number) =>
    this.lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
  getValueInRange = (r: Span) =>
    this.lines
      .join('\n')
      .slice(this.#offset(r.startLineNumber, r.startColumn), this.#offset(r.endLineNumber, r.endColumn));
  getValueLengthInRange = (r: Span) => this.getValueInRange(r).length;
  onDidChangeContent(listener: (event: { changes: readonly Change[] }) => void) {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }
  /** One edit event of several changes, each in the text before the event. */
  edit(...changes: Change[]) {
    let text = this.lines.join('\n');
    const at = changes.map((c) => ({
      from: this.#offset(c.range.startLineNumber, c.range.startColumn),
      to: this.#offset(c.range.endLineNumber, c.range.endColumn),
      text: c.text,
    }));
    for (const c of at.sort((a, b) => b.from - a.from))
      text = text.slice(0, c.from) + c.text + text.slice(c.to);
    this.lines = text.split('\n');
    for (const listener of this.#listeners) listener({ changes });
  }
}

const span = (startLineNumber: number, startColumn: number, endLineNumber: number, endColumn: number) => ({
  startLineNumber,
  startColumn,
  endLineNumber,
  endColumn,
});
const always = () => true;
const counted = (tally: WordTally) => {
  tally.fill(always);
  return tally.words;
};

describe('a document', () => {
  test('is counted line by line, and its words are theirs summed', () => {
    const model = new Model('The first line.\nA second, longer line here.\n\nlast');
    expect(counted(new WordTally(model))).toBe(3 + 5 + 0 + 1);
  });

  test('is counted a few lines at a time, and says nothing until every line is', () => {
    const model = new Model(Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n'));
    const tally = new WordTally(model);
    let budget = 30;
    expect(tally.fill(() => budget-- > 0)).toBe(false);
    expect(tally.words).toBeNull();
    budget = 1000;
    expect(tally.fill(() => budget-- > 0)).toBe(true);
    expect(tally.words).toBe(200);
  });

  test('a keystroke costs the recount of its one line, not of the document', () => {
    const model = new Model(Array.from({ length: 10_000 }, () => 'some words on a line').join('\n'));
    const tally = new WordTally(model);
    expect(counted(tally)).toBe(50_000);
    model.lineReads = 0;
    model.edit({ range: span(500, 5, 500, 5), text: ' more' });
    expect(counted(tally)).toBe(50_001);
    expect(model.lineReads).toBe(1);
  });

  test('follows lines split, joined, pasted and deleted, and multi-cursor edits', () => {
    const model = new Model('alpha beta\ngamma delta\nepsilon');
    const tally = new WordTally(model);
    const check = () => expect(counted(tally)).toBe(countWords(model.lines.join('\n')));
    check();
    model.edit({ range: span(1, 6, 1, 6), text: '\nzeta eta' });
    check();
    model.edit({ range: span(2, 1, 3, 1), text: '' });
    check();
    model.edit({ range: span(3, 8, 3, 8), text: Array.from({ length: 2000 }, (_, i) => `w${i}`).join('\n') });
    check();
    model.edit({ range: span(1, 1, 1000, 1), text: 'joined ' });
    check();
    model.edit({ range: span(1, 1, 1, 1), text: 'one\n' }, { range: span(2, 1, 2, 1), text: 'two three\n' });
    check();
  });
});

describe('a selection', () => {
  const model = new Model('one two three\nfour five\nsix seven eight nine\nten');
  const tally = new WordTally(model);
  tally.fill(always);

  test('within a line counts its words', () => {
    expect(tally.wordsIn(span(1, 5, 1, 14))).toBe(2);
  });

  test('across lines counts the lines inside from the tally and the ends from the text', () => {
    expect(tally.wordsIn(span(1, 9, 4, 4))).toBe(1 + 2 + 4 + 1);
    expect(tally.wordsIn(span(1, 1, 2, 1))).toBe(3);
  });

  test('waits while a line inside it is not counted yet', () => {
    const fresh = new WordTally(new Model('a\nb c\nd'));
    expect(fresh.wordsIn(span(1, 1, 3, 2))).toBeNull();
  });
});
