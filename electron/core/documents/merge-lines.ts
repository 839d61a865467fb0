/**
 * The merge's line model is Monaco's: a text is its lines split on "\n", so "a\nb" is two lines and
 * "a\nb\n" three, the last one empty. A trailing newline is therefore just one more (empty) line, and
 * adding or removing it is an ordinary line change that merges like any other.
 */
export const toLines = (text: string): string[] => text.split('\n');

/**
 * Hunk text: every line followed by "\n", including the document's last line, so that an empty hunk
 * ("", no lines) and a hunk holding one empty line ("\n") stay different. The document is the
 * concatenation of its hunks with that one extra final "\n" removed (see `fromHunkTexts`).
 */
export const hunkText = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');

export const fromHunkTexts = (texts: readonly string[]): string => {
  const joined = texts.join('');
  return joined.endsWith('\n') ? joined.slice(0, -1) : joined;
};

/** Lines the sequences share at the start and at the end, never overlapping in the shortest of them. */
export function commonEnds(sequences: readonly (readonly string[])[]): { prefix: number; suffix: number } {
  const first = sequences[0] ?? [];
  const shortest = Math.min(...sequences.map((lines) => lines.length));
  const sameFromStart = (at: number) => sequences.every((lines) => lines[at] === first[at]);
  const sameFromEnd = (back: number) =>
    sequences.every((lines) => lines[lines.length - 1 - back] === first[first.length - 1 - back]);
  let prefix = 0;
  while (prefix < shortest && sameFromStart(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && sameFromEnd(suffix)) suffix++;
  return { prefix, suffix };
}
