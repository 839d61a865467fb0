import type { MergeHunk } from '../opus.ts';

/** Lines of context shown above and below a conflict: enough to see where it is, not a page. */
export const CONTEXT_LINES = 3;

export interface HunkContext {
  /** The agreed lines just before the conflict, nearest last. */
  before: string[];
  /** The agreed lines just after it. */
  after: string[];
}

/** A hunk text's lines (each ends in "\n", so the last split piece is not a line). */
const linesOf = (text: string): string[] => text.split('\n').slice(0, -1);

/** The agreed lines of the run of 'same' hunks starting at `from` and stepping by `step` (±1), in order. */
function agreedRun(hunks: readonly MergeHunk[], from: number, step: 1 | -1): string[] {
  const runs: string[][] = [];
  for (let at = from; hunks[at]?.kind === 'same'; at += step) {
    const hunk = hunks[at];
    if (hunk?.kind === 'same') runs.push(linesOf(hunk.text));
  }
  return (step === 1 ? runs : runs.reverse()).flat();
}

/**
 * The lines around each conflict, from the stretches that merge by themselves on either side of it
 * (whoever changed them; a neighbouring conflict ends the context: its lines are not agreed). By id.
 */
export function hunkContexts(hunks: readonly MergeHunk[], size = CONTEXT_LINES): Map<number, HunkContext> {
  const contexts = new Map<number, HunkContext>();
  hunks.forEach((hunk, index) => {
    if (hunk.kind !== 'conflict') return;
    contexts.set(hunk.id, {
      before: agreedRun(hunks, index - 1, -1).slice(-size),
      after: agreedRun(hunks, index + 1, 1).slice(0, size),
    });
  });
  return contexts;
}
