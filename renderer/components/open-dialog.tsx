import { useEffect, useRef, useState } from 'react';
import { parentFolder } from '../format.ts';
import type { OpusApi } from '../opus.ts';
import { type ListedEntry, useFolder } from '../state/use-folder.ts';
import { Breadcrumbs } from './breadcrumbs.tsx';
import { FileList } from './file-list.tsx';
import { ModalDialog } from './modal-dialog.tsx';

interface OpenDialogProps {
  opus: OpusApi;
  initialFolder: string;
  onOpenFile(path: string): void;
  onClose(): void;
}

/** Browse the Dropbox and pick a file: folders open in place, a file opens in the editor. */
export function OpenDialog({ opus, initialFolder, onOpenFile, onClose }: OpenDialogProps) {
  const folder = useFolder(opus, initialFolder);
  const [selected, setSelected] = useState(0);
  const list = useRef<HTMLDivElement>(null);

  // A new folder starts at its first row, and the list keeps the keyboard.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the listed folder changes
  useEffect(() => {
    setSelected(0);
    list.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  }, [folder.path, folder.loading]);

  const activate = (entry: ListedEntry) => {
    if (entry.kind === 'folder') folder.go(entry.path);
    else onOpenFile(entry.path);
  };
  const chosen = folder.entries[selected];
  const where = folder.path === '' ? 'Dropbox' : folder.path;

  return (
    <ModalDialog label="Open from Dropbox" onClose={onClose} className="open-dialog">
      <h2>Open from Dropbox</h2>
      <Breadcrumbs path={folder.path} onGo={folder.go} />
      <div ref={list} className="file-list-frame" aria-busy={folder.loading}>
        {folder.error ? (
          <p className="error" role="alert">
            {folder.error}
          </p>
        ) : (
          <FileList
            label={`Files in ${where}`}
            entries={folder.entries}
            selected={selected}
            onSelect={setSelected}
            onActivate={activate}
            onParent={() => folder.go(parentFolder(folder.path))}
          />
        )}
        {!folder.loading && !folder.error && folder.entries.length === 0 && (
          <p className="empty">This folder is empty.</p>
        )}
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!chosen}
          onClick={() => chosen && activate(chosen)}
        >
          Open
        </button>
      </div>
    </ModalDialog>
  );
}
