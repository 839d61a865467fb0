import { diff3Merge, diffIndices } from 'node-diff3';
import type { MergeChoice, MergeHunk } from '../../common/contract/shapes.ts';
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
  | { kind: 'clean'; text: string; stats: MergeStats }
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
  if (base === text) return 0;
  const sequences = middles([toLines(base), toLines(text)]);
  let count = 0;
  for (const [before = [], after = []] of gapsBetween(sequences, uniqueAnchors(sequences))) {
    if (equalLines(before, after)) continue;
    // Too repetitive to diff cheaply: counted as the one stretch it at most is.
    count += affordable(before, after) ? diffIndices(before, after).length : 1;
  }
  return count;
}

/** Collects hunks in document order, joining neighbouring unchanged lines and numbering conflicts. */
class Hunks {
  readonly list: MergeHunk[] = [];
  conflicts = 0;

  same(lines: readonly string[]): void {
    if (lines.length === 0) return;
    const last = this.list[this.list.length - 1];
    if (last?.kind === 'same') last.text += hunkText(lines);
    else this.list.push({ kind: 'same', text: hunkText(lines) });
  }

  conflict(base: readonly string[], mine: readonly string[], theirs: readonly string[]): void {
    const id = this.conflicts++;
    this.list.push({
      kind: 'conflict',
      id,
      base: hunkText(base),
      mine: hunkText(mine),
      theirs: hunkText(theirs),
    });
  }
}

/**
 * Line-based diff3 of one stretch between anchors. node-diff3 groups changes whose base ranges overlap
 * *or touch*, like GNU diff3 and git: edits to two adjacent lines, or an insertion right next to the
 * other side's edit, are a conflict, never a guess. Identical changes on both sides merge cleanly. A
 * stretch too repetitive to diff cheaply, changed by both sides, is one conflict: conservative, not lossy.
 */
function mergeGap(base: string[], mine: string[], theirs: string[], hunks: Hunks): void {
  if (equalLines(mine, base) || equalLines(mine, theirs)) hunks.same(theirs);
  else if (equalLines(theirs, base)) hunks.same(mine);
  else if (!affordable(base, mine) || !affordable(base, theirs)) hunks.conflict(base, mine, theirs);
  else diff3(base, mine, theirs, hunks);
}

function diff3(base: string[], mine: string[], theirs: string[], hunks: Hunks): void {
  for (const region of diff3Merge(mine, base, theirs, { excludeFalseConflicts: true })) {
    if (region.ok) hunks.same(region.ok);
    if (region.conflict) hunks.conflict(region.conflict.o, region.conflict.a, region.conflict.b);
  }
}

function mergeHunks(base: string[], mine: string[], theirs: string[]): Hunks {
  const { prefix, suffix } = commonEnds([base, mine, theirs]);
  const sequences = middles([base, mine, theirs]);
  const anchors = uniqueAnchors(sequences);
  const middleBase = sequences[0] ?? [];
  const hunks = new Hunks();
  hunks.same(base.slice(0, prefix));
  gapsBetween(sequences, anchors).forEach(([gapBase = [], gapMine = [], gapTheirs = []], index) => {
    mergeGap(gapBase, gapMine, gapTheirs, hunks);
    const anchor = anchors[index]?.[0];
    if (anchor !== undefined) hunks.same([middleBase[anchor] ?? '']);
  });
  hunks.same(base.slice(base.length - suffix));
  return hunks;
}

/** Three-way merge of the text the user started from (`base`), their edit and Dropbox's version. */
export function mergeThreeWay(base: string, mine: string, theirs: string): MergeResult {
  const stats = (conflicts: number): MergeStats => ({
    mineChanges: changeCount(base, mine),
    theirsChanges: changeCount(base, theirs),
    conflicts,
  });
  // Exact answers for the trivial cases, whatever diff3 would align.
  if (mine === theirs || theirs === base) return { kind: 'clean', text: mine, stats: stats(0) };
  if (mine === base) return { kind: 'clean', text: theirs, stats: stats(0) };
  const { list, conflicts } = mergeHunks(toLines(base), toLines(mine), toLines(theirs));
  if (conflicts === 0) {
    return {
      kind: 'clean',
      text: fromHunkTexts(list.map((hunk) => (hunk.kind === 'same' ? hunk.text : ''))),
      stats: stats(0),
    };
  }
  return { kind: 'conflicted', hunks: list, stats: stats(conflicts) };
}

function chosenText(hunk: Extract<MergeHunk, { kind: 'conflict' }>, choice: MergeChoice | undefined): string {
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
