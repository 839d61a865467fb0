import { countWords } from './word-count.ts';

/** A stretch of a Monaco model, 1-based as Monaco's IRange. */
export interface Span {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** What the tally needs of a Monaco text model (monaco.editor.ITextModel). */
export interface TalliedModel {
  getLineCount(): number;
  getLineContent(lineNumber: number): string;
  getValueLength(): number;
  getValueInRange(range: Span): string;
  getValueLengthInRange(range: Span): number;
  onDidChangeContent(listener: (event: { changes: readonly { range: Span; text: string }[] }) => void): {
    dispose(): void;
  };
}

/** Past this many new lines at once (a paste), the list of counts is rebuilt rather than spliced. */
const SPLICE_LIMIT = 1000;
/** No word crosses a line break, so a document's words are the sum of its lines'. Not counted yet: -1. */
const UNCOUNTED = -1;

const linesIn = (text: string) => {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
};

/**
 * A model's words, line by line. An edit costs only forgetting the lines it touched (a keystroke: one);
 * `fill` counts the forgotten ones later, a few at a time, so typing in a 20 MiB document never waits
 * for its words to be counted again.
 */
export class WordTally {
  #counts: number[];
  #total = 0;
  #uncounted: number;
  /** Every line above this one is counted. */
  #countedTo = 0;
  readonly #subscription: { dispose(): void };

  constructor(private readonly model: TalliedModel) {
    this.#counts = new Array<number>(model.getLineCount()).fill(UNCOUNTED);
    this.#uncounted = this.#counts.length;
    this.#subscription = model.onDidChangeContent(({ changes }) => {
      // Each change's range is in the text before the event: from the last one up, each leaves the lines
      // of the ones still to apply where they were.
      const ordered =
        changes.length > 1
          ? [...changes].sort(
              (a, b) =>
                b.range.startLineNumber - a.range.startLineNumber ||
                b.range.startColumn - a.range.startColumn,
            )
          : changes;
      for (const change of ordered) this.#replace(change.range, linesIn(change.text));
    });
  }

  /** The document's words, or null while some lines wait to be counted. */
  get words(): number | null {
    return this.#uncounted === 0 ? this.#total : null;
  }

  /** Counts uncounted lines while `hasTime()`; true once every line is counted. */
  fill(hasTime: () => boolean): boolean {
    const counts = this.#counts;
    for (let index = this.#countedTo; index < counts.length && this.#uncounted > 0; index++) {
      if ((counts[index] as number) !== UNCOUNTED) continue;
      if (!hasTime()) {
        this.#countedTo = index;
        return false;
      }
      const words = countWords(this.model.getLineContent(index + 1));
      counts[index] = words;
      this.#total += words;
      this.#uncounted--;
    }
    this.#countedTo = counts.length;
    return this.#uncounted === 0;
  }

  /** The words in `span` (a selection), or null while a line inside it waits to be counted. */
  wordsIn(span: Span): number | null {
    const { startLineNumber: first, endLineNumber: last } = span;
    if (first === last) return countWords(this.model.getValueInRange(span));
    let words = 0;
    for (let line = first + 1; line < last; line++) {
      const count = this.#counts[line - 1] ?? UNCOUNTED;
      if (count === UNCOUNTED) return null;
      words += count;
    }
    const head = this.model.getLineContent(first).slice(span.startColumn - 1);
    const tail = this.model.getLineContent(last).slice(0, span.endColumn - 1);
    return words + countWords(head) + countWords(tail);
  }

  dispose(): void {
    this.#subscription.dispose();
  }

  #forget(index: number): void {
    const count = this.#counts[index] ?? UNCOUNTED;
    if (count === UNCOUNTED) return;
    this.#total -= count;
    this.#counts[index] = UNCOUNTED;
    this.#uncounted++;
  }

  #replace(range: Span, inserted: number): void {
    const start = range.startLineNumber - 1;
    const removed = range.endLineNumber - range.startLineNumber + 1;
    for (let index = start; index < start + removed; index++) this.#forget(index);
    this.#countedTo = Math.min(this.#countedTo, start);
    if (removed === inserted) return;
    const fresh = new Array<number>(inserted).fill(UNCOUNTED);
    if (inserted <= SPLICE_LIMIT) this.#counts.splice(start, removed, ...fresh);
    else this.#counts = this.#counts.slice(0, start).concat(fresh, this.#counts.slice(start + removed));
    this.#uncounted += inserted - removed;
  }
}
