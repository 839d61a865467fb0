/** A rev as it reads on screen (see `shortRevs` in format.ts); the whole rev shows on hover. */
export function RevisionLabel({ rev, short }: { rev: string; short: string }) {
  return <code title={`Rev ${rev}`}>{short}</code>;
}
