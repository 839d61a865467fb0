/**
 * How well a typed query names a file, as Quick Open ranks it: higher is better, null is no match.
 * Every character of the query must appear in order in the path (spaces are ignored, as people type
 * "meet notes" for "Meeting notes.txt"). A match inside the file's name beats one that needs the folders;
 * within the name, one run of the query beats scattered letters, a start of a word beats its middle, and
 * a short name beats a long one. Cheap enough for 100,000 paths per keystroke: most fail the first check.
 */
export function fuzzyScore(query: string, nameLower: string, pathLower: string): number | null {
  if (!isSubsequence(query, pathLower, 0)) return null;
  const at = nameLower.indexOf(query);
  if (at >= 0) {
    const stem = nameLower.lastIndexOf('.') > 0 ? nameLower.slice(0, nameLower.lastIndexOf('.')) : nameLower;
    const whole = nameLower === query || stem === query ? 400 : 0;
    const start = at === 0 ? 200 : isWordStart(nameLower, at) ? 120 : 0;
    return 2000 + whole + start - nameLower.length;
  }
  if (isSubsequence(query, nameLower, 0)) return 1000 + lettersScore(query, nameLower) - nameLower.length;
  return lettersScore(query, pathLower) - pathLower.length / 4;
}

function isSubsequence(query: string, text: string, from: number): boolean {
  let at = from;
  for (let i = 0; i < query.length; i++) {
    at = text.indexOf(query[i] as string, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

const SEPARATORS = ' -_./()[]';
const isWordStart = (text: string, at: number) => at === 0 || SEPARATORS.includes(text[at - 1] as string);

/** Taken greedily, left to right: letters at the start of a word and letters right after the last count. */
function lettersScore(query: string, text: string): number {
  let score = 0;
  let at = 0;
  let previous = -2;
  for (let i = 0; i < query.length; i++) {
    at = text.indexOf(query[i] as string, at);
    if (at < 0) return score;
    if (at === previous + 1) score += 30;
    if (isWordStart(text, at)) score += 40;
    previous = at;
    at++;
  }
  return score;
}

/** The query as matched: lower case, without spaces. */
export const normalQuery = (query: string): string => query.toLowerCase().replace(/\s+/g, '');
