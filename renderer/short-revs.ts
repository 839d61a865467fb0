// How revs read on screen. Dropbox's revs are opaque lowercase hex, but an account's revs share a long
// tail (real Dropbox's end in the same 16 or so characters; localbox's are a 9-hex counter and a salt
// fixed per store), and often a head too (zero padding, the slow-moving high digits). Shown by their
// last characters they read alike, and a rev alone shows only the tail every rev has. So a rev reads by
// what sets it apart from the others the page has seen for the account (renderer/state/rev-knowledge.ts).

/** How one rev reads beside the others. */
export type ShortOf = (rev: string) => string;

/** The fewest characters a rev is shown with, once the page has learned what revs have in common. */
export const FEWEST_REV_CHARACTERS = 7;

/** With nothing to compare it with, a rev reads as its last 9 characters (the whole rev when shorter). */
const ALONE = 9;

/** A rev seen alone, with nothing known of its account's other revs. */
export function shortRev(rev: string): string {
  return rev.slice(-ALONE);
}

const distinctRevs = (revs: Iterable<string | null | undefined>): string[] => [
  ...new Set([...revs].filter((rev): rev is string => !!rev)),
];

function sharedHeadLength(revs: readonly string[], limit: number): number {
  const first = revs[0] ?? '';
  let length = 0;
  while (length < limit && revs.every((rev) => rev[length] === first[length])) length++;
  return length;
}

function sharedTailLength(revs: readonly string[], limit: number): number {
  const first = revs[0] ?? '';
  const at = (rev: string, back: number) => rev[rev.length - 1 - back];
  let length = 0;
  while (length < limit && revs.every((rev) => at(rev, length) === at(first, length))) length++;
  return length;
}

/**
 * How revs read when `known` are all the revs seen for one account (the revs on screen among them):
 * without the head and tail they all share, by the last characters of what is left, at least 7 and as
 * many as it takes for every known rev to read differently, the same number for all. Where what is
 * left is shorter, the characters before it fill the 7 (a counter's zero padding), as git abbreviates.
 * Fewer than two revs known: nothing to tell them apart by, so a rev reads as `shortRev` does.
 */
export function shortRevs(known: Iterable<string | null | undefined>): ShortOf {
  const revs = distinctRevs(known);
  if (revs.length < 2) return shortRev;
  const shortest = Math.min(...revs.map((rev) => rev.length));
  // Each rev keeps at least one character of its own, whatever the others' lengths.
  const head = sharedHeadLength(revs, shortest - 1);
  const tail = sharedTailLength(revs, shortest - head - 1);
  const window = (rev: string, length: number) => {
    const start = Math.max(0, rev.length - tail - length);
    return rev.slice(start, start + length);
  };
  const longest = Math.max(...revs.map((rev) => rev.length));
  let length = FEWEST_REV_CHARACTERS;
  // At the longest rev's length every window is its whole rev, and the revs are distinct: this ends.
  while (length < longest && new Set(revs.map((rev) => window(rev, length))).size < revs.length) length++;
  return (rev) => window(rev, length);
}
