import type { RevCopy } from '../state/use-rev-copy.ts';
import { useRevCopy } from '../state/use-rev-copy.ts';

interface RevisionLabelProps {
  rev: string;
  /** How it reads (see `shortRevs` in short-revs.ts). */
  short: string;
  /** Shared with a list that copies by key too (History's Ctrl+C); otherwise the label's own. */
  revCopy?: RevCopy;
  /** -1 inside a listbox, which owns the keyboard. */
  tabIndex?: number;
}

/**
 * A rev as it reads on screen; the whole rev shows on hover, and a click (or Enter) copies it whole,
 * since the short form is no use to look a revision up by.
 */
export function RevisionLabel({ rev, short, revCopy, tabIndex }: RevisionLabelProps) {
  const own = useRevCopy();
  const { note, copy } = revCopy ?? own;
  const words = note?.rev === rev ? note.words : null;
  return (
    <span className="revision-label">
      <button
        type="button"
        className="rev-copy-button"
        aria-label={`Copy rev ${short}`}
        tabIndex={tabIndex}
        onClick={() => copy(rev)}
      >
        <code title={`Rev ${rev}`}>{short}</code>
      </button>
      {words && (
        <span className={words === 'Copied' ? 'rev-copied' : 'rev-copied error'} role="status">
          {words}
        </span>
      )}
    </span>
  );
}
