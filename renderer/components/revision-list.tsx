import type { KeyboardEvent, Ref } from 'react';
import { formatRevisionTime, formatSize } from '../format.ts';
import { useRevCopy } from '../state/use-rev-copy.ts';
import type { Revision } from '../state/use-revisions.ts';
import { selectionAfterKey } from './listbox-keys.ts';
import { RevisionLabel } from './revision-label.tsx';

interface RevisionListProps {
  revisions: Revision[];
  /** The rev the editor's text is based on: marked "Current". */
  currentRev: string;
  /** How each rev reads: told apart from the others in the list. */
  shortOf(rev: string): string;
  selected: number;
  onSelect(index: number): void;
  listRef?: Ref<HTMLDivElement>;
}

const optionId = (rev: string) => `revision-option-${rev}`;

const FULL_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const fullTime = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : FULL_TIME.format(date);
};

/**
 * The revisions as a listbox with one focus stop, like the Dropbox browser's file list: arrows, Home
 * and End move the selection, and the selection is what the diff beside it shows.
 */
export function RevisionList(props: RevisionListProps) {
  const { revisions, currentRev, shortOf, selected, onSelect, listRef } = props;
  const revCopy = useRevCopy();
  const keyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The rows' revs take no focus of their own: Ctrl+C (⌘C) copies the selected one.
    const active = revisions[selected];
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c' && active) {
      event.preventDefault();
      revCopy.copy(active.rev);
      return;
    }
    const move = selectionAfterKey(event.key, selected, revisions.length);
    if (move === undefined || move === null) return;
    event.preventDefault();
    onSelect(move);
    const rev = revisions[move]?.rev;
    if (rev) document.getElementById(optionId(rev))?.scrollIntoView({ block: 'nearest' });
  };
  const active = revisions[selected];

  return (
    <div
      ref={listRef}
      role="listbox"
      aria-label="Revisions"
      tabIndex={0}
      aria-activedescendant={active ? optionId(active.rev) : undefined}
      onKeyDown={keyDown}
      className="revision-rows"
    >
      {revisions.map((revision, index) => {
        const current = revision.rev === currentRev;
        return (
          // The listbox owns the keyboard (see keyDown); rows only take the mouse.
          // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard handled by the listbox
          <div
            key={revision.rev}
            id={optionId(revision.rev)}
            role="option"
            tabIndex={-1}
            aria-selected={index === selected}
            className={current ? 'revision-row current' : 'revision-row'}
            onClick={() => onSelect(index)}
          >
            <span className="revision-time" title={fullTime(revision.serverModified)}>
              {formatRevisionTime(revision.serverModified)}
            </span>
            {current && <span className="revision-badge">Current</span>}
            <span className="revision-meta">
              {formatSize(revision.size)} · rev{' '}
              <RevisionLabel rev={revision.rev} short={shortOf(revision.rev)} revCopy={revCopy} inOption />
            </span>
          </div>
        );
      })}
    </div>
  );
}
