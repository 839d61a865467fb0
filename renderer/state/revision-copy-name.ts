// Names for "Open as new document…" from a revision.

// As the core's conflicted-copy names: "notes.v2 final draft" has no extension, what follows the dot is
// a phrase, not a file type.
const EXTENSION = /^\.[^\s.]{1,20}$/;

/** `essay.txt` at rev …1a2b3c4d5 → `essay (rev 1a2b3c4d5).txt`: the copy says where it came from. */
export function revisionCopyName(fileName: string, shortRev: string): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot) : '';
  return EXTENSION.test(extension)
    ? `${fileName.slice(0, dot)} (rev ${shortRev})${extension}`
    : `${fileName} (rev ${shortRev})`;
}

/** A name Dropbox can take as one path segment in the same folder. */
export function isFileName(name: string): boolean {
  const trimmed = name.trim();
  return trimmed !== '' && trimmed !== '.' && trimmed !== '..' && !/[/\\]/.test(trimmed);
}
