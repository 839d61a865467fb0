/**
 * What a Dropbox conflicted copy's name says: whose copy it is (a device in today's desktop client, the
 * person's name in older ones), the day it was made, and Dropbox's number when one day has several.
 */
export interface ConflictedCopyName {
  /** The original's name: `magnum-opus.txt`. */
  original: string;
  /** `Work laptop` (a device) or `Ada Lovelace` (older clients): as the name gives it, or null if it has none. */
  who: string | null;
  /** `2026-11-30`, or null for the oldest clients' undated copies. */
  date: string | null;
  /** `… 2026-11-30 (1))` or `… 2026-11-30 2)`: the copy's number that day, else null. */
  number: number | null;
}

// The forms the Dropbox desktop client has written, tried against the part before the extension:
//   magnum-opus (Work laptop's conflicted copy 2026-11-30)
//   magnum-opus (Work laptop's conflicted copy 2026-11-30 (1))   numbered, in its own parentheses
//   magnum-opus (Ada's conflicted copy 2026-11-30 2)             numbered as Opus's own copies are
//   magnum-opus (Ada Lovelace's conflicted copy)                 the oldest clients: no date
//   magnum-opus (conflicted copy 2026-11-30)                     no device named
// The apostrophe may be typographic (’) when a device's name came from macOS.
const MARKER =
  /^(?<stem>.+?) \((?:(?<who>[^()]+?)['\u2019]s )?conflicted copy(?: (?<date>\d{4}-\d{2}-\d{2}))?(?: \((?<n1>\d+)\)| (?<n2>\d+))?\)$/i;

/**
 * Dropbox puts the marker before the *last* extension (`report.tar (X's conflicted copy 2026-11-30).gz`),
 * and a name without a dot gets it at the end.
 */
function splitLastExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  const close = name.lastIndexOf(')');
  // A dot inside the marker ("Mr. Smith's conflicted copy") is no extension.
  if (dot <= 0 || dot < close) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension: name.slice(dot) };
}

/** The parts of a conflicted copy's name, or null when `name` is not one. */
export function parseConflictedCopyName(name: string): ConflictedCopyName | null {
  const { stem, extension } = splitLastExtension(name);
  const groups = MARKER.exec(stem)?.groups;
  if (!groups?.stem) return null;
  const number = groups.n1 ?? groups.n2;
  return {
    original: groups.stem + extension,
    who: groups.who?.trim() || null,
    date: groups.date ?? null,
    number: number === undefined ? null : Number(number),
  };
}

/** Whether `name` is a conflicted copy of `originalName` (Dropbox names compare case-insensitively). */
export function isConflictedCopyOf(name: string, originalName: string): boolean {
  const parsed = parseConflictedCopyName(name);
  return parsed !== null && parsed.original.toLowerCase() === originalName.toLowerCase();
}
