import { useEffect, useState } from 'react';
import { type Span, type TalliedModel, WordTally } from './word-tally.ts';

/** What the writer's status needs of the Monaco editor (monaco.editor.ICodeEditor). */
export interface CountedView {
  getModel(): (TalliedModel & { getVersionId(): number }) | null;
  getSelections(): readonly Span[] | null;
  onDidChangeModel(listener: () => void): { dispose(): void };
  onDidChangeModelContent(listener: () => void): { dispose(): void };
  onDidChangeCursorSelection(listener: () => void): { dispose(): void };
}

/** The document's counts, or the selection's when there is one. `words` null: still being counted. */
export interface WriterCounts {
  words: number | null;
  characters: number;
  selection: boolean;
}

/** A burst of typing updates the counts at most this often… */
const SETTLE_MS = 250;
/** …in the editor's idle time, or after this long if it has none. */
const IDLE_CAP_MS = 1000;
/** A slice of counting when the cap forced the turn: short enough for a key to wait behind unnoticed. */
const FORCED_SLICE_MS = 8;

// A tab's tally lives as long as its model, so switching back to a counted tab is instant.
const tallies = new WeakMap<TalliedModel, WordTally>();
const tallyOf = (model: TalliedModel) => {
  const known = tallies.get(model);
  if (known) return known;
  const tally = new WordTally(model);
  tallies.set(model, tally);
  return tally;
};

const idle: (work: (deadline: IdleDeadline) => void, options: IdleRequestOptions) => number =
  globalThis.requestIdleCallback?.bind(globalThis) ??
  ((work) => window.setTimeout(() => work({ didTimeout: true, timeRemaining: () => 0 }), 1));
const cancelIdle = globalThis.cancelIdleCallback?.bind(globalThis) ?? window.clearTimeout;

const nonEmpty = (span: Span) =>
  span.startLineNumber !== span.endLineNumber || span.startColumn !== span.endColumn;

function countsNow(model: TalliedModel, tally: WordTally, selections: readonly Span[]): WriterCounts {
  const chosen = selections.filter(nonEmpty);
  if (chosen.length === 0)
    return { words: tally.words, characters: model.getValueLength(), selection: false };
  let words: number | null = 0;
  let characters = 0;
  for (const span of chosen) {
    const inSpan = tally.wordsIn(span);
    words = words === null || inSpan === null ? null : words + inSpan;
    characters += model.getValueLengthInRange(span);
  }
  return { words, characters, selection: true };
}

const same = (a: WriterCounts | null, b: WriterCounts | null) =>
  a === b ||
  (!!a && !!b && a.words === b.words && a.characters === b.characters && a.selection === b.selection);

/**
 * The writer's counts for what `view` shows, kept off the keystroke path: an edit only marks its lines
 * (word-tally.ts); the counting and this hook's render happen a moment later, in idle time, a slice at
 * a time (npm run bench, typing: the figure with and without it is the same).
 */
export function useWriterCounts(view: CountedView | null): WriterCounts | null {
  const [counts, setCounts] = useState<WriterCounts | null>(null);
  useEffect(() => {
    if (!view) return setCounts(null);
    let timer: number | null = null;
    let job: number | null = null;
    const run = (deadline: IdleDeadline) => {
      job = null;
      const model = view.getModel();
      if (!model) return setCounts(null);
      const tally = tallyOf(model);
      const until = performance.now() + FORCED_SLICE_MS;
      const hasTime = deadline.didTimeout
        ? () => performance.now() < until
        : () => deadline.timeRemaining() > 1;
      if (!tally.fill(hasTime)) {
        job = idle(run, { timeout: IDLE_CAP_MS });
        // What is known already (characters) shows while the words are counted.
        const counting = { words: null, characters: model.getValueLength(), selection: false };
        setCounts((old) => (same(old, counting) ? old : counting));
        return;
      }
      const next = countsNow(model, tally, view.getSelections() ?? []);
      setCounts((old) => (same(old, next) ? old : next));
    };
    const schedule = () => {
      if (timer !== null || job !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        job = idle(run, { timeout: IDLE_CAP_MS });
      }, SETTLE_MS);
    };
    const subscriptions = [
      view.onDidChangeModel(schedule),
      view.onDidChangeModelContent(schedule),
      view.onDidChangeCursorSelection(schedule),
    ];
    job = idle(run, { timeout: IDLE_CAP_MS });
    return () => {
      for (const subscription of subscriptions) subscription.dispose();
      if (timer !== null) window.clearTimeout(timer);
      if (job !== null) cancelIdle(job);
    };
  }, [view]);
  return counts;
}
