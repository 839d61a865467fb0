// Names of files and folders as the dialogs take them from people: one path segment, checked here so
// the dialog can say what is wrong before a round trip to Dropbox.

/** Dropbox refuses longer names; paths are capped at 1000 characters by the contract. */
const MAX_NAME = 255;
const MAX_PATH = 1000;

/** Why `name` cannot be a file or folder name, or null when it can. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'Type a name.';
  if (name.includes('/')) return 'A name cannot contain "/".';
  if (name === '.' || name === '..') return `"${name}" is not a name Dropbox accepts.`;
  if (name.length > MAX_NAME) return `A name is at most ${MAX_NAME} characters.`;
  return null;
}

/** The path of `name` inside `folder` ("" is the Dropbox root). */
export function joinPath(folder: string, name: string): string {
  return `${folder}/${name}`;
}

/** Why the whole path cannot be used, or null: the name first, then the contract's length cap. */
export function pathProblem(folder: string, name: string): string | null {
  return (
    nameProblem(name) ??
    (joinPath(folder, name).length > MAX_PATH ? 'The path is longer than Dropbox allows.' : null)
  );
}

/** Where the extension starts (a leading dot, as in ".bashrc", is part of the name, not an extension). */
export function stemLength(name: string): number {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? dot : name.length;
}

/**
 * `name`, or the first of "name (1).ext", "name (2).ext", … not in `taken` — Dropbox's own autorename
 * pattern. Dropbox compares names without case, so this does too.
 */
export function freeName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((each) => each.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  const stem = name.slice(0, stemLength(name));
  const extension = name.slice(stemLength(name));
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${extension}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The last segment of a local path, from any OS ("C:\\Users\\me\\draft.txt" or "/home/me/draft.txt"). */
export function localFileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
