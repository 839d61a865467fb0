import type { MergeChoice, MergeHunk, MergeOrigin, MergeOriginSpan } from '../../common/contract/shapes.ts';
import { chosenText } from './merge.ts';

/** Lines in a hunk text (each ends in "\n", see merge-lines.ts). */
const lineCount = (text: string): number => text.split('\n').length - 1;

/** What a conflict's choice puts in the merged text, by origin: "both" is mine, then theirs. */
function chosenOrigins(
  hunk: Extract<MergeHunk, { kind: 'conflict' }>,
  choice: MergeChoice | undefined,
): [MergeOrigin, string][] {
  if (choice === 'theirs') return [['theirs', hunk.theirs]];
  if (choice === 'both') {
    return [
      ['mine', hunk.mine],
      ['theirs', hunk.theirs],
    ];
  }
  // The user's own lines for the hunk (a custom choice) are theirs, like their edits.
  return [['mine', chosenText(hunk, choice)]];
}

/**
 * Where each line of the merged text came from, as runs in document order (neighbouring runs of one
 * origin joined, empty ones dropped). The runs count the same lines `resolveMerge` joins, so a review can
 * mark them line for line.
 */
export function mergedOrigins(
  hunks: readonly MergeHunk[],
  choices: Readonly<Record<number, MergeChoice>> = {},
): MergeOriginSpan[] {
  const spans: MergeOriginSpan[] = [];
  const add = (origin: MergeOrigin, text: string) => {
    const lines = lineCount(text);
    if (lines === 0) return;
    const last = spans[spans.length - 1];
    if (last?.origin === origin) last.lines += lines;
    else spans.push({ origin, lines });
  };
  for (const hunk of hunks) {
    if (hunk.kind === 'same') add(hunk.origin, hunk.text);
    else for (const [origin, text] of chosenOrigins(hunk, choices[hunk.id])) add(origin, text);
  }
  return spans;
}
