import type { RevCopy } from '../state/use-rev-copy.ts';
import { useRevCopy } from '../state/use-rev-copy.ts';

interface RevisionLabelProps {
  rev: string;
  /** How it reads (see `shortRevs` in short-revs.ts). */
  short: string;
  /** Shared with a list that copies by key too (History's Ctrl+C); otherwise the label's own. */
  revCopy?: RevCopy;
  /**
   * Inside a listbox's option: a control there would nest one interactive element in another, so the
   * rev copies on a click but is no button; the list copies the selected rev with Ctrl+C.
   */
  inOption?: boolean;
}

/**
 * A rev as it reads on screen; the whole rev shows on hover, and a click (or Enter) copies it whole,
 * since the short form is no use to look a revision up by.
 */
export function RevisionLabel({ rev, short, revCopy, inOption }: RevisionLabelProps) {
  const own = useRevCopy();
  const { note, copy } = revCopy ?? own;
  const words = note?.rev === rev ? note.words : null;
  return (
    <span className="revision-label">
      {inOption ? (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox copies by key (Ctrl+C) for its rows.
        <code className="rev-copy-button" title={`Rev ${rev}`} onClick={() => copy(rev)}>
          {short}
        </code>
      ) : (
        <button
          type="button"
          className="rev-copy-button"
          aria-label={`Copy rev ${short}`}
          onClick={() => copy(rev)}
        >
          <code title={`Rev ${rev}`}>{short}</code>
        </button>
      )}
      {words && (
        <span className={words === 'Copied' ? 'rev-copied' : 'rev-copied error'} role="status">
          {words}
        </span>
      )}
    </span>
  );
}
