import type { RemoteFile } from '../../dropbox/remote-file.ts';

/** Why a revision was taken as the base the copy diverged from. */
export type AncestorReason = 'same_content' | 'last_before_copy';

export interface Ancestor {
  revision: RemoteFile;
  reason: AncestorReason;
}

/**
 * When the copy was made: the desktop client sets client_modified to the file's time on the device, which
 * is when the diverging edit was written; it is uploaded (server_modified) later, after revisions that
 * other devices made meanwhile. The earlier of the two is the tighter bound.
 */
const madeAt = (copy: RemoteFile): string =>
  [copy.clientModified, copy.serverModified].sort()[0] ?? copy.serverModified;

/**
 * The revision of the original the copy diverged from. A revision whose content equals the copy's is the
 * copy itself, unedited since (the newest such wins); otherwise the newest revision older than the copy.
 * Null when every revision known is as new as the copy (the history was cut short): no base is better
 * than a wrong one, which would take the copy's stale lines for deliberate edits and merge them in
 * silently; with none, every difference is a conflict the person chooses.
 * Dropbox's timestamps are ISO 8601 in UTC without fractions, so they compare as strings.
 */
export function chooseAncestor(revisions: readonly RemoteFile[], copy: RemoteFile): Ancestor | null {
  const newestFirst = [...revisions].sort((a, b) => b.serverModified.localeCompare(a.serverModified));
  const same = newestFirst.find((revision) => revision.contentHash === copy.contentHash);
  if (same) return { revision: same, reason: 'same_content' };
  const made = madeAt(copy);
  const older = newestFirst.find((revision) => revision.serverModified < made);
  return older ? { revision: older, reason: 'last_before_copy' } : null;
}
