import type { MergeOrigin, MergeOriginSpan } from '../opus.ts';

/** A run of merged lines to mark, 1-based and inclusive, as Monaco counts them. */
export interface OriginMark {
  origin: Exclude<MergeOrigin, 'unchanged'>;
  startLine: number;
  endLine: number;
}

/** The word beside a marked line, and in the legend (the sides' names: "Your version", "Dropbox version"). */
export const ORIGIN_WORDS: Record<OriginMark['origin'], { tag: string; legend: string }> = {
  mine: { tag: 'yours', legend: 'your change' },
  theirs: { tag: 'Dropbox', legend: 'changed on Dropbox' },
  both: { tag: 'both', legend: 'the same change on both sides' },
};

/** The lines to mark: every run but the unchanged ones, clipped to the text's lines. */
export function originMarks(spans: readonly MergeOriginSpan[], lineCount: number): OriginMark[] {
  const marks: OriginMark[] = [];
  let next = 1;
  for (const { origin, lines } of spans) {
    const startLine = next;
    next += lines;
    const endLine = Math.min(next - 1, lineCount);
    if (origin !== 'unchanged' && lines > 0 && startLine <= endLine)
      marks.push({ origin, startLine, endLine });
  }
  return marks;
}
