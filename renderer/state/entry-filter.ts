/**
 * The Open dialog's two typed aids: a filter over the folder's rows, and a path typed in full
 * (Ctrl+L), told apart from a name.
 */

/** The entries whose name holds every word typed, in any case; all of them when nothing is typed. */
export function filterEntries<T extends { name: string }>(entries: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const name = entry.name.toLowerCase();
    return words.every((word) => name.includes(word));
  });
}

/**
 * A typed Dropbox path as Dropbox spells one: a leading slash, no trailing one, no empty parts; the root
 * is "". Null when it cannot be a path (a `.` or `..` part, which Dropbox does not resolve).
 */
export function typedPath(typed: string): string | null {
  const parts = typed.trim().split('/').filter(Boolean);
  if (parts.some((part) => part === '.' || part === '..')) return null;
  return parts.length === 0 ? '' : `/${parts.join('/')}`;
}
