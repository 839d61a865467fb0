import { useState } from 'react';
import type { OpusApi } from '../opus.ts';
import { type ListedEntry, useFolder } from '../state/use-folder.ts';
import { FolderBrowser } from './folder-browser.tsx';
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
  const [chosen, setChosen] = useState<ListedEntry | undefined>();

  const open = () => {
    if (chosen?.kind === 'folder') folder.go(chosen.path);
    else if (chosen) onOpenFile(chosen.path);
  };

  return (
    <ModalDialog label="Open from Dropbox" onClose={onClose} className="browser-dialog">
      <h2>Open from Dropbox</h2>
      <FolderBrowser
        opus={opus}
        folder={folder}
        autoFocus
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
    </ModalDialog>
  );
}
