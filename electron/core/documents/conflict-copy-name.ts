import { OpusError } from '../errors.ts';

// Dropbox refuses longer path components. Measured in UTF-16 code units, which is never less than the
// number of characters, so the limit holds however Dropbox counts.
const MAX_NAME = 255;
const MAX_ACCOUNT_NAME = 100;
// "notes.v2 final draft" has no extension: what follows the dot is a phrase, not a file type.
const EXTENSION = /^\.[^\s.]{1,20}$/;
const MAX_ATTEMPTS = 1000;

/** Whether a path is taken (Dropbox paths compare case-insensitively; the caller's lookup decides). */
export type PathExists = (path: string) => boolean | Promise<boolean>;

function splitPath(path: string): { folder: string; name: string } {
  const slash = path.lastIndexOf('/');
  return { folder: path.slice(0, slash + 1), name: path.slice(slash + 1) };
}

/** `magnum-opus.txt` → `magnum-opus` + `.txt`; dotfiles and names without a real extension keep it all. */
function splitName(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  return EXTENSION.test(extension) ? { stem: name.slice(0, dot), extension } : { stem: name, extension: '' };
}

/** Cuts `text` to at most `max` code units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const lastKept = text.charCodeAt(end - 1);
  return text.slice(0, lastKept >= 0xd800 && lastKept <= 0xdbff ? end - 1 : end);
}

/** The stem shortened so that `stem + tail` fits in a Dropbox name. */
const withinLimit = (stem: string, tail: string): string =>
  stem.length + tail.length <= MAX_NAME ? stem + tail : cut(stem, MAX_NAME - tail.length).trimEnd() + tail;

/** The account name as it can appear inside a file name. */
function nameForPath(accountName: string): string {
  // A slash would make a folder; control characters are refused by Dropbox.
  const clean = Array.from(accountName, (char) =>
    char === '/' || char === '\\' || char < ' ' || char === '\u007f' ? '-' : char,
  )
    .join('')
    .trim();
  return cut(clean, MAX_ACCOUNT_NAME) || 'Opus';
}

const localDate = (date: Date): string =>
  [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');

/**
 * Dropbox's own naming for a conflicted copy, dated in local time:
 * `/Notes/magnum-opus.txt` → `/Notes/magnum-opus (Ada's conflicted copy 2026-11-27).txt`.
 */
export function conflictCopyName(path: string, accountName: string, date: Date): string {
  const { folder, name } = splitPath(path);
  const { stem, extension } = splitName(name);
  return (
    folder +
    withinLimit(stem, ` (${nameForPath(accountName)}'s conflicted copy ${localDate(date)})${extension}`)
  );
}

/** `candidate` with ` n` inside its last parentheses (or ` (n)` added), still within the name limit. */
function numbered(candidate: string, n: number): string {
  const { folder, name } = splitPath(candidate);
  const close = name.lastIndexOf(')');
  const open = name.lastIndexOf(' (', close);
  if (close === -1 || open === -1) {
    const { stem, extension } = splitName(name);
    return folder + withinLimit(stem, ` (${n})${extension}`);
  }
  return folder + withinLimit(name.slice(0, open), `${name.slice(open, close)} ${n}${name.slice(close)}`);
}

/** `candidate` if free, else the first free of `… 2)`, `… 3)`… as Dropbox numbers its own copies. */
export async function nextFreeName(candidate: string, exists: PathExists): Promise<string> {
  if (!(await exists(candidate))) return candidate;
  for (let n = 2; n <= MAX_ATTEMPTS; n++) {
    const next = numbered(candidate, n);
    if (!(await exists(next))) return next;
  }
  throw new OpusError(
    'unknown',
    `There are already ${MAX_ATTEMPTS} conflicted copies of this file; tidy some up first.`,
  );
}

/** The free conflicted-copy path for `path` (what "Save mine as a copy" writes to). */
export const conflictedCopyPath = (
  path: string,
  accountName: string,
  date: Date,
  exists: PathExists,
): Promise<string> => nextFreeName(conflictCopyName(path, accountName, date), exists);
