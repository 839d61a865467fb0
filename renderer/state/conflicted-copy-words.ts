import type { ConflictedCopy } from '../opus.ts';

/** Where and when the copy was made, as its name says: " on Work laptop (2026-11-30)". */
const whereAndWhen = (copy: ConflictedCopy): string =>
  `${copy.who ? ` on ${copy.who}` : ''}${copy.date ? ` (${copy.date})` : ''}`;

/** The bar's words: "Dropbox made a conflicted copy of magnum-opus.txt on Work laptop (2026-11-30)". */
export function copiesNotice(originalName: string, copies: readonly ConflictedCopy[]): string | null {
  const [first] = copies;
  if (!first) return null;
  if (copies.length > 1) return `Dropbox made ${copies.length} conflicted copies of ${originalName}`;
  return `Dropbox made a conflicted copy of ${originalName}${whereAndWhen(first)}`;
}

/** A copy in the dialog's list: its name's who and when, else its file name. */
export const copyLabel = (copy: ConflictedCopy): string =>
  copy.who || copy.date ? `The copy${whereAndWhen(copy)}` : copy.file.name;
