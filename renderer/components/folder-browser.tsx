import { useEffect, useRef, useState } from 'react';
import { parentFolder } from '../format.ts';
import type { OpusApi } from '../opus.ts';
import { freeName } from '../state/dropbox-names.ts';
import { useDelayedFlag } from '../state/use-delayed-flag.ts';
import type { FolderListing, ListedEntry } from '../state/use-folder.ts';
import { Breadcrumbs } from './breadcrumbs.tsx';
import { FileList } from './file-list.tsx';
import { NewFolderForm } from './new-folder-form.tsx';

interface FolderBrowserProps {
  opus: OpusApi;
  folder: FolderListing;
  /** Focus the list once the first listing is in (Open); otherwise the dialog places focus itself. */
  autoFocus?: boolean;
  /** The rows are a filter's matches: an empty list says nothing matches, not that the folder is empty. */
  filtered?: boolean;
  /** A character typed in the list (type to filter); without it, typing in the list does nothing. */
  onType?(key: string): void;
  /** Enter or a double-click on a file row. Folder rows always open in place. */
  onActivateFile(entry: Extract<ListedEntry, { kind: 'file' }>): void;
  /** The selected row changed; `byPerson` is false for the reset to the first row of a new folder. */
  onSelectionChange?(entry: ListedEntry | undefined, byPerson: boolean): void;
}

/**
 * The Dropbox browser shared by Open, Save As and Upload: breadcrumbs, a New folder field, and the
 * folder's rows with their loading, empty and failed states.
 */
export function FolderBrowser({
  opus,
  folder,
  autoFocus,
  filtered,
  onType,
  onActivateFile,
  onSelectionChange,
}: FolderBrowserProps) {
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const newFolderButton = useRef<HTMLButtonElement>(null);
  // The list takes focus after a listing when asked (autoFocus, a retry, a created folder) or when the
  // folder changed; a dialog's first listing otherwise leaves focus where the dialog put it.
  const wantsFocus = useRef(autoFocus ?? false);
  const landedPath = useRef(folder.path);
  const showLoading = useDelayedFlag(folder.loading);
  const report = useRef(onSelectionChange);
  report.current = onSelectionChange;

  const found = folder.entries.findIndex((entry) => entry.pathLower === selectedKey);
  const selected = Math.max(found, 0);
  const selectedPath = folder.entries[selected]?.pathLower;

  // A filter can take the selected row away: the row selected now is the one an Open would open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the selected row's path
  useEffect(() => {
    if (!folder.loading) report.current?.(folder.entries[selected], false);
  }, [selectedPath]);

  // A newly listed folder starts at its first row (unless a row was picked in it, like a new folder),
  // and focus follows the person into it unless they are typing a name.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a listing lands, keyed by path
  useEffect(() => {
    if (folder.loading) return;
    report.current?.(folder.entries[selected], false);
    const moved = landedPath.current !== folder.path && !(document.activeElement instanceof HTMLInputElement);
    landedPath.current = folder.path;
    if (!wantsFocus.current && !moved) return;
    wantsFocus.current = false;
    frame.current?.querySelector<HTMLElement>('[role="listbox"], .retry')?.focus();
  }, [folder.path, folder.loading]);

  const go = (path: string) => {
    wantsFocus.current = true;
    setCreating(false);
    setSelectedKey(null);
    folder.go(path);
  };
  const select = (index: number) => {
    const entry = folder.entries[index];
    setSelectedKey(entry?.pathLower ?? null);
    report.current?.(entry, true);
  };
  const activate = (entry: ListedEntry) => {
    // While the next folder loads, the rows on screen are the last folder's: not a thing to open.
    if (folder.loading) return;
    if (entry.kind === 'folder') go(entry.path);
    else onActivateFile(entry);
  };
  const created = async (entry: ListedEntry) => {
    wantsFocus.current = true;
    setCreating(false);
    setSelectedKey(entry.pathLower);
    await folder.refresh();
    report.current?.(entry, true);
  };

  const where = folder.path === '' ? 'Dropbox' : folder.path;
  return (
    <div className="folder-browser">
      <div className="folder-bar">
        <Breadcrumbs path={folder.path} onGo={go} />
        <button ref={newFolderButton} type="button" className="quiet" onClick={() => setCreating(true)}>
          New folder
        </button>
      </div>
      {creating && (
        <NewFolderForm
          opus={opus}
          parent={folder.path}
          suggestedName={freeName(
            'New folder',
            folder.entries.map((entry) => entry.name),
          )}
          onCreated={(entry) => void created(entry)}
          onDiscard={() => {
            setCreating(false);
            newFolderButton.current?.focus();
          }}
        />
      )}
      <div ref={frame} className="file-list-frame" aria-busy={folder.loading}>
        {folder.error ? (
          <div className="list-state">
            <p className="error" role="alert">
              Could not list {where}: {folder.error}
            </p>
            <button type="button" className="retry" onClick={() => go(folder.path)}>
              Retry
            </button>
          </div>
        ) : (
          <FileList
            label={`Files in ${where}`}
            entries={folder.entries}
            selected={selected}
            onSelect={select}
            onActivate={activate}
            onParent={() => folder.path !== '' && go(parentFolder(folder.path))}
            {...(onType ? { onType } : {})}
          />
        )}
        {!folder.loading && !folder.error && folder.entries.length === 0 && (
          <p className="list-state empty">
            {filtered ? 'Nothing in this folder matches the filter.' : 'This folder is empty.'}
          </p>
        )}
        {showLoading && (
          <p className="list-state loading" role="status">
            Loading…
          </p>
        )}
      </div>
    </div>
  );
}
