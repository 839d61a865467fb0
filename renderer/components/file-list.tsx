import { type KeyboardEvent, useEffect, useId } from 'react';
import { formatModified, formatSize } from '../format.ts';
import type { ListedEntry } from '../state/use-folder.ts';
import { selectionAfterKey } from './listbox-keys.ts';

interface FileListProps {
  label: string;
  entries: ListedEntry[];
  selected: number;
  /** The person moved the selection (a click or a key), not a reset after loading. */
  onSelect(index: number): void;
  onActivate(entry: ListedEntry): void;
  onParent(): void;
  /** A printable character typed with the list focused (the Open dialog's type to filter). */
  onType?(key: string): void;
}

/** Rows one PageUp/PageDown moves: about what the list shows at once. */
const PAGE = 10;

/**
 * A listbox with one focus stop: arrows, Home/End and PageUp/PageDown move the selection, Enter or a
 * double-click opens, Backspace goes up. `aria-activedescendant` tells screen readers which row is current.
 */
export function FileList({
  label,
  entries,
  selected,
  onSelect,
  onActivate,
  onParent,
  onType,
}: FileListProps) {
  const prefix = useId();
  const optionId = (index: number) => `${prefix}-option-${index}`;

  // Whatever moved the selection (keys, a new folder just created), the row comes into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: optionId only depends on the stable prefix
  useEffect(() => {
    document.getElementById(optionId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected, entries]);

  const keyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = selectionAfterKey(event.key, selected, entries.length, PAGE);
    if (move !== undefined) {
      event.preventDefault();
      if (move !== null) onSelect(move);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const entry = entries[selected];
      if (entry) onActivate(entry);
    } else if (event.key === 'Backspace') {
      event.preventDefault();
      onParent();
    } else if (onType && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      onType(event.key);
    }
  };

  return (
    <div className="file-list">
      <div className="file-row file-header" aria-hidden="true">
        <span>Name</span>
        <span>Size</span>
        <span>Modified</span>
      </div>
      <div
        role="listbox"
        aria-label={label}
        tabIndex={0}
        aria-activedescendant={entries[selected] ? optionId(selected) : undefined}
        onKeyDown={keyDown}
        className="file-rows"
      >
        {entries.map((entry, index) => (
          // The listbox owns the keyboard (see keyDown) and the focus: a clicked row, not focusable itself,
          // leaves focus on the listbox, so the arrows keep working after a click.
          // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard handled by the listbox
          // biome-ignore lint/a11y/useFocusableInteractive: aria-activedescendant keeps options unfocusable
          <div
            key={entry.pathLower}
            id={optionId(index)}
            role="option"
            aria-selected={index === selected}
            className={`file-row ${entry.kind}`}
            onClick={() => onSelect(index)}
            onDoubleClick={() => onActivate(entry)}
          >
            {/* A long name is cut with an ellipsis; the tooltip has all of it. */}
            <span className="file-name" title={entry.name}>
              <span className={`file-icon ${entry.kind}`} aria-hidden="true" />
              <span className="file-name-text">{entry.name}</span>
            </span>
            <span>{entry.kind === 'file' ? formatSize(entry.size) : '—'}</span>
            <span>{entry.kind === 'file' ? formatModified(entry.serverModified) : ''}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
