import { diff3MergeRegions, diffIndices } from 'node-diff3';
import type { MergeChoice, MergeHunk, MergeOrigin } from '../../common/contract/shapes.ts';
import { OpusError } from '../errors.ts';
import { affordable, gapsBetween, uniqueAnchors } from './merge-align.ts';
import { commonEnds, fromHunkTexts, hunkText, toLines } from './merge-lines.ts';

// Hunk texts hold whole lines, each ending in "\n" (see `hunkText`), so a UI can show them and
// `resolveMerge` can join them without guessing where lines break. Hunks and choices cross to the page
// as they are: their shapes are the contract's.
export type { MergeChoice, MergeHunk };

export interface MergeStats {
  /** Changed stretches of lines in mine / theirs against the base. */
  mineChanges: number;
  theirsChanges: number;
  conflicts: number;
}

export type MergeResult =
  /** `hunks`: the merge's stretches, all 'same', so a review can say where each line came from. */
  | { kind: 'clean'; text: string; hunks: MergeHunk[]; stats: MergeStats }
  | { kind: 'conflicted'; hunks: MergeHunk[]; stats: MergeStats };

const equalLines = (x: readonly string[], y: readonly string[]): boolean =>
  x.length === y.length && x.every((line, index) => line === y[index]);

/** The middles of the texts (lines common to all at either end are unchanged by every side). */
function middles(sequences: string[][]): string[][] {
  const { prefix, suffix } = commonEnds(sequences);
  return sequences.map((lines) => lines.slice(prefix, lines.length - suffix));
}

/** Changed stretches of lines between `base` and `text`: "Your version — n changes since rev X". */
export function changeCount(base: string, text: string): number {
  // Stryker disable next-line ConditionalExpression: a shortcut; equal texts leave no middle, so 0 anyway
  if (base === text) return 0;
  const sequences = middles([toLines(base), toLines(text)]);
  let count = 0;
  // Stryker disable next-line ArrayDeclaration: gapsBetween gives a slice per sequence; no default is used
  for (const [before = [], after = []] of gapsBetween(sequences, uniqueAnchors(sequences))) {
    if (equalLines(before, after)) continue;
    // Too repetitive to diff cheaply: counted as the one stretch it at most is.
    count += affordable(before, after) ? diffIndices(before, after).length : 1;
  }
  return count;
}

/**
 * Collects hunks in document order, joining neighbouring lines of one origin and numbering conflicts.
 * `mineLine` counts the user's lines passed so far, so each conflict can say where it is in their text.
 */
class Hunks {
  readonly list: MergeHunk[] = [];
  conflicts = 0;
  mineLine = 0;

  /** `mineLines`: how many of the user's lines these replace (theirs' lines stand for the base's). */
  same(lines: readonly string[], origin: MergeOrigin, mineLines = lines.length): void {
    this.mineLine += mineLines;
    if (lines.length === 0) return;
    const last = this.list[this.list.length - 1];
    if (last?.kind === 'same' && last.origin === origin) last.text += hunkText(lines);
    else this.list.push({ kind: 'same', text: hunkText(lines), origin });
  }

  conflict(base: readonly string[], mine: readonly string[], theirs: readonly string[]): void {
    const id = this.conflicts++;
    this.list.push({
      kind: 'conflict',
      id,
      line: this.mineLine + 1,
      base: hunkText(base),
      mine: hunkText(mine),
      theirs: hunkText(theirs),
    });
    this.mineLine += mine.length;
  }
}

/**
 * Line-based diff3 of one stretch between anchors. node-diff3 groups changes whose base ranges overlap
 * *or touch*, like GNU diff3 and git: edits to two adjacent lines, or an insertion right next to the
 * other side's edit, are a conflict, never a guess. Identical changes on both sides merge cleanly. A
 * stretch too repetitive to diff cheaply is taken whole: one side's change, or one conflict if both
 * changed it: conservative, not lossy.
 */
function mergeGap(base: string[], mine: string[], theirs: string[], hunks: Hunks): void {
  if (affordable(base, mine) && affordable(base, theirs)) diff3(base, mine, theirs, hunks);
  else if (equalLines(mine, theirs)) hunks.same(mine, equalLines(mine, base) ? 'unchanged' : 'both');
  else if (equalLines(mine, base)) hunks.same(theirs, 'theirs', mine.length);
  else if (equalLines(theirs, base)) hunks.same(mine, 'mine');
  else hunks.conflict(base, mine, theirs);
}

/** node-diff3's regions, in base order: one side's change (stable) or both sides' (unstable). */
function diff3(base: string[], mine: string[], theirs: string[], hunks: Hunks): void {
  const start = hunks.mineLine;
  for (const region of diff3MergeRegions(mine, base, theirs)) {
    if ('buffer' in region) {
      const origin: MergeOrigin =
        region.buffer === 'o' ? 'unchanged' : region.buffer === 'a' ? 'mine' : 'theirs';
      // mineLine is set again from aStart before a conflict reads it, and after the loop, so what is added
      // here is never read.
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: never read (above)
      hunks.same(region.bufferContent, origin, origin === 'theirs' ? 0 : region.bufferLength);
    } else {
      // Unstable regions carry where they start in mine: catch up over theirs' changes, which hold none.
      hunks.mineLine = start + region.aStart;
      if (equalLines(region.aContent, region.bContent)) hunks.same(region.aContent, 'both');
      else hunks.conflict(region.oContent, region.aContent, region.bContent);
    }
  }
  hunks.mineLine = start + mine.length;
}

function mergeHunks(base: string[], mine: string[], theirs: string[]): Hunks {
  const { prefix, suffix } = commonEnds([base, mine, theirs]);
  const sequences = middles([base, mine, theirs]);
  const anchors = uniqueAnchors(sequences);
  // Stryker disable next-line ArrayDeclaration: middles returns all three sequences
  const middleBase = sequences[0] ?? [];
  const hunks = new Hunks();
  hunks.same(base.slice(0, prefix), 'unchanged');
  // Stryker disable next-line ArrayDeclaration: gapsBetween gives a slice per sequence; no default is used
  gapsBetween(sequences, anchors).forEach(([gapBase = [], gapMine = [], gapTheirs = []], index) => {
    mergeGap(gapBase, gapMine, gapTheirs, hunks);
    const anchor = anchors[index]?.[0];
    // Stryker disable next-line StringLiteral: an anchor indexes the base's middle, so the line exists
    if (anchor !== undefined) hunks.same([middleBase[anchor] ?? ''], 'unchanged');
  });
  hunks.same(base.slice(base.length - suffix), 'unchanged');
  return hunks;
}

/** Three-way merge of the text the user started from (`base`), their edit and Dropbox's version. */
export function mergeThreeWay(base: string, mine: string, theirs: string): MergeResult {
  const stats = (conflicts: number): MergeStats => ({
    mineChanges: changeCount(base, mine),
    theirsChanges: changeCount(base, theirs),
    conflicts,
  });
  const { list, conflicts } = mergeHunks(toLines(base), toLines(mine), toLines(theirs));
  // Exact answers for the trivial cases, whatever diff3 would align (the hunks then only mark origins).
  // Both shortcuts are exact restatements: there, every stretch merges without conflict to the lines of
  // the one side, so the hunks join to that side's text anyway.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the hunks join to mine anyway (above)
  if (mine === theirs || theirs === base) return { kind: 'clean', text: mine, hunks: list, stats: stats(0) };
  // Stryker disable next-line ConditionalExpression: the hunks join to theirs anyway (above)
  if (mine === base) return { kind: 'clean', text: theirs, hunks: list, stats: stats(0) };
  if (conflicts === 0) {
    return {
      kind: 'clean',
      // Stryker disable next-line ConditionalExpression,StringLiteral: no conflicts, so all hunks are 'same'
      text: fromHunkTexts(list.map((hunk) => (hunk.kind === 'same' ? hunk.text : ''))),
      hunks: list,
      stats: stats(0),
    };
  }
  return { kind: 'conflicted', hunks: list, stats: stats(conflicts) };
}

/** The lines a conflict's choice puts in the merged text; an unanswered conflict is refused. */
export function chosenText(
  hunk: Extract<MergeHunk, { kind: 'conflict' }>,
  choice: MergeChoice | undefined,
): string {
  if (choice === undefined) {
    throw new OpusError('invalid_request', `Conflict ${hunk.id + 1} has not been resolved yet.`);
  }
  if (choice === 'mine') return hunk.mine;
  if (choice === 'theirs') return hunk.theirs;
  if (choice === 'both') return hunk.mine + hunk.theirs;
  return choice.custom === '' || choice.custom.endsWith('\n') ? choice.custom : `${choice.custom}\n`;
}

/** The merged text once every conflict has a choice; an unresolved conflict is refused, never guessed. */
export function resolveMerge(
  hunks: readonly MergeHunk[],
  choices: Readonly<Record<number, MergeChoice>>,
): string {
  return fromHunkTexts(
    hunks.map((hunk) => (hunk.kind === 'same' ? hunk.text : chosenText(hunk, choices[hunk.id]))),
  );
}
