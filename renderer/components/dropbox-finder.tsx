import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { parentFolder } from '../format.ts';
import { describeError } from '../opus.ts';
import { ModalDialog } from './modal-dialog.tsx';

/** How soon a provisional answer is asked for again. */
const AGAIN_MS = 250;

/** One file a finder lists: where it is, and a word beside it (recent, in the text). */
export interface FoundItem {
  path: string;
  name: string;
  hint?: string;
}

interface DropboxFinderProps {
  /** Quick Open or Find in Dropbox: the dialog's and the field's names. */
  label: string;
  placeholder: string;
  /**
   * Asked at each change of the query; an answer overtaken by a later keystroke is dropped. A
   * `provisional` one (Dropbox's search while main's index is built) is asked again shortly.
   */
  find(query: string): Promise<{ items: FoundItem[]; provisional?: boolean }>;
  /** Waits this long after the last key before asking (a search on Dropbox); 0: every key. */
  delayMs: number;
  /** What an empty list says once something was typed. */
  emptyWords(query: string): string;
  onOpen(path: string): void;
  onClose(): void;
}

/**
 * A palette of files: type, the best come first, Enter (or a click) opens one. Quick Open answers from
 * main's index at every key; Find in Dropbox waits for a pause and asks Dropbox.
 */
export function DropboxFinder({
  label,
  placeholder,
  find,
  delayMs,
  emptyWords,
  onOpen,
  onClose,
}: DropboxFinderProps) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<FoundItem[]>([]);
  const [answered, setAnswered] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const asked = useRef(0);
  const findRef = useRef(find);
  findRef.current = find;
  // Enter typed before the answer to what is in the field arrived: the best of that answer opens when it
  // comes (typing fast and pressing Enter must not open a match of fewer letters, nor nothing).
  const enterWaiting = useRef(false);
  const openRef = useRef<(item: FoundItem | undefined) => void>(() => {});

  useEffect(() => {
    const ask = ++asked.current;
    let again: ReturnType<typeof setTimeout> | undefined;
    const run = (): Promise<void> =>
      findRef.current(query).then(
        (found) => {
          if (ask !== asked.current) return;
          if (enterWaiting.current && (found.items.length > 0 || !found.provisional)) {
            enterWaiting.current = false;
            if (found.items.length > 0) return openRef.current(found.items[0]);
          }
          if (found.provisional) again = setTimeout(() => void run(), AGAIN_MS);
          setItems(found.items);
          setAnswered(query);
          setError(null);
          setSelected(0);
        },
        (failure: unknown) => {
          if (ask === asked.current) setError(describeError(failure));
        },
      );
    const timer = setTimeout(() => void run(), delayMs === 0 || query.trim() === '' ? 0 : delayMs);
    return () => {
      clearTimeout(timer);
      clearTimeout(again);
    };
  }, [query, delayMs]);

  const chosen = items[Math.min(selected, items.length - 1)];
  const open = (item: FoundItem | undefined) => {
    if (!item) return;
    onClose();
    onOpen(item.path);
  };
  openRef.current = open;
  const keyDown = (event: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step && items.length > 0) {
      event.preventDefault();
      setSelected((Math.min(selected, items.length - 1) + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (answered === query && !enterWaiting.current) open(chosen);
      else enterWaiting.current = true;
    }
  };
  const optionId = (index: number) => `finder-option-${index}`;

  return (
    <ModalDialog label={label} onClose={onClose} className="palette finder">
      <input
        // biome-ignore lint/a11y/noAutofocus: the finder exists to be typed into
        autoFocus
        role="combobox"
        aria-label={label}
        aria-expanded="true"
        aria-controls="finder-list"
        aria-activedescendant={chosen ? optionId(items.indexOf(chosen)) : undefined}
        placeholder={placeholder}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={keyDown}
        spellCheck={false}
      />
      <div id="finder-list" role="listbox" aria-label="Files" className="palette-list">
        {items.map((item, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox above owns the keyboard
          <div
            key={item.path}
            id={optionId(index)}
            role="option"
            tabIndex={-1}
            aria-selected={item === chosen}
            onClick={() => open(item)}
          >
            <span className="finder-name">
              {item.name}
              <span className="finder-folder">{parentFolder(item.path) || '/'}</span>
            </span>
            {item.hint && <span className="finder-hint">{item.hint}</span>}
          </div>
        ))}
      </div>
      {error && (
        <p className="empty" role="alert">
          {error}
        </p>
      )}
      {!error && items.length === 0 && answered.trim() !== '' && answered === query && (
        <p className="empty">{emptyWords(query)}</p>
      )}
    </ModalDialog>
  );
}
