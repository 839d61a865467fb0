import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { OpusApi } from '../opus.ts';
import { filterEntries } from '../state/entry-filter.ts';
import { type ListedEntry, useFolder } from '../state/use-folder.ts';
import { FolderBrowser } from './folder-browser.tsx';
import { GoToPathForm } from './go-to-path-form.tsx';
import { ModalDialog } from './modal-dialog.tsx';

interface OpenDialogProps {
  opus: OpusApi;
  initialFolder: string;
  onOpenFile(path: string): void;
  onClose(): void;
}

/**
 * Browse the Dropbox and pick a file: folders open in place, a file opens in the editor. Typing filters
 * the folder's rows; Ctrl+L takes a whole path instead.
 */
export function OpenDialog({ opus, initialFolder, onOpenFile, onClose }: OpenDialogProps) {
  const folder = useFolder(opus, initialFolder);
  const [chosen, setChosen] = useState<ListedEntry | undefined>();
  const [query, setQuery] = useState('');
  const [typingPath, setTypingPath] = useState(false);
  const filterField = useRef<HTMLInputElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  // The path field put away with Escape: focus goes back to the filter it replaced, not out of the dialog.
  const backToFilter = useRef(false);
  useEffect(() => {
    if (typingPath || !backToFilter.current) return;
    backToFilter.current = false;
    filterField.current?.focus();
  }, [typingPath]);
  const shown = { ...folder, entries: filterEntries(folder.entries, query) };

  // A filter belongs to the folder it was typed in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the folder changes
  useEffect(() => setQuery(''), [folder.path]);

  const open = () => {
    if (chosen?.kind === 'folder') folder.go(chosen.path);
    else if (chosen) onOpenFile(chosen.path);
  };

  const keyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'l') {
      event.preventDefault();
      setTypingPath(true);
    }
  };
  // Typed into the list: the letters go to the filter, and the typing carries on there.
  const typed = (key: string) => {
    setQuery((old) => old + key);
    filterField.current?.focus();
  };
  // Enter opens the row the filter left selected; the down arrow goes on to the rows.
  const filterKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      open();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      frame.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
    }
  };

  return (
    <ModalDialog label="Open from Dropbox" onClose={onClose} className="browser-dialog">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Ctrl+L from anywhere in the dialog */}
      <div ref={frame} className="open-dialog" onKeyDown={keyDown}>
        <h2>Open from Dropbox</h2>
        {typingPath ? (
          <GoToPathForm
            opus={opus}
            initialPath={folder.path}
            onFolder={(path) => {
              setTypingPath(false);
              folder.go(path);
            }}
            onFile={onOpenFile}
            onDiscard={() => {
              backToFilter.current = true;
              setTypingPath(false);
            }}
          />
        ) : (
          <div className="open-filter">
            <input
              ref={filterField}
              type="search"
              aria-label="Filter this folder"
              placeholder="Type to filter · Ctrl+L for a path"
              value={query}
              spellCheck={false}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={filterKeyDown}
            />
          </div>
        )}
        <FolderBrowser
          opus={opus}
          folder={shown}
          autoFocus
          filtered={query.trim() !== ''}
          onType={typed}
          onActivateFile={(entry) => onOpenFile(entry.path)}
          onSelectionChange={setChosen}
        />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!chosen || folder.loading} onClick={open}>
            Open
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
