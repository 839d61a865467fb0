/**
 * Keeps node-diff3's LCS affordable. Its cost grows with the number of matching line pairs and worse
 * than quadratically on repetitive text (4,000 lines drawn from 5 distinct ones take ~1 s; a 50,000-line
 * manuscript with many blank lines, minutes). So, as patience diff does, the texts are first cut at
 * lines that occur exactly once in every text and in the same order in all: those lines are unchanged
 * by every side, any sensible alignment matches them, and the pieces between them are small.
 */

/** Index of each line that occurs exactly once; repeated lines map to -1. */
function uniquePositions(lines: readonly string[]): Map<string, number> {
  const positions = new Map<string, number>();
  lines.forEach((line, index) => {
    positions.set(line, positions.has(line) ? -1 : index);
  });
  return positions;
}

/** Indices (into `values`) of a longest strictly increasing subsequence, by patience sorting. */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[index] = tails[low - 1] ?? -1;
    tails[low] = index;
  });
  const chain: number[] = [];
  for (let index = tails[tails.length - 1] ?? -1; index !== -1; index = previous[index] ?? -1)
    chain.push(index);
  return chain.reverse();
}

/**
 * Anchor lines: for each, its index in every sequence, strictly increasing in all of them. Found in the
 * first sequence's order, then thinned to an increasing run in each other sequence in turn.
 */
export function uniqueAnchors(sequences: readonly (readonly string[])[]): number[][] {
  const [first = [], ...others] = sequences;
  const positions = others.map(uniquePositions);
  const own = uniquePositions(first);
  let anchors: number[][] = [];
  first.forEach((line, index) => {
    if (own.get(line) !== index) return;
    const elsewhere = positions.map((map) => map.get(line) ?? -1);
    if (elsewhere.every((at) => at >= 0)) anchors.push([index, ...elsewhere]);
  });
  for (let column = 1; column < sequences.length; column++) {
    anchors = longestIncreasing(anchors.map((anchor) => anchor[column] ?? 0)).map((at) => anchors[at] ?? []);
  }
  return anchors;
}

/** The stretches between anchors (one slice per sequence), in order; the anchors are the lines between. */
export function gapsBetween(
  sequences: readonly (readonly string[])[],
  anchors: readonly number[][],
): string[][][] {
  const gaps: string[][][] = [];
  let starts = sequences.map(() => 0);
  for (const anchor of [...anchors, sequences.map((lines) => lines.length)]) {
    gaps.push(sequences.map((lines, column) => lines.slice(starts[column], anchor[column])));
    starts = anchor.map((at) => at + 1);
  }
  return gaps;
}

// Matching line pairs node-diff3's LCS may examine in one two-way diff: ~100 ms of work.
const MAX_MATCHING_PAIRS = 500_000;

/** Whether diffing `a` against `b` stays within budget (pairs of equal lines, plus the lengths). */
export function affordable(a: readonly string[], b: readonly string[]): boolean {
  if (a.length + b.length > MAX_MATCHING_PAIRS) return false;
  const counts = new Map<string, number>();
  for (const line of a) counts.set(line, (counts.get(line) ?? 0) + 1);
  let pairs = 0;
  for (const line of b) {
    pairs += counts.get(line) ?? 0;
    if (pairs > MAX_MATCHING_PAIRS) return false;
  }
  return true;
}
