import { type FormEvent, useEffect, useRef, useState } from 'react';
import { baseName, parentFolder } from '../format.ts';
import type { OpusApi } from '../opus.ts';
import { joinPath, stemLength } from '../state/dropbox-names.ts';
import { checkTarget } from '../state/target-name.ts';
import { useFolder } from '../state/use-folder.ts';
import { FolderBrowser } from './folder-browser.tsx';
import { ModalDialog } from './modal-dialog.tsx';
import { TargetNameField } from './target-name-field.tsx';

interface SaveAsDialogProps {
  opus: OpusApi;
  initialPath: string;
  onSave(path: string): void;
  onClose(): void;
}

/**
 * Save under another Dropbox path: browse to the folder, type or click a name. Replacing an existing
 * file is the workspace's question (the save answers a conflict), so here it is only announced.
 */
export function SaveAsDialog({ opus, initialPath, onSave, onClose }: SaveAsDialogProps) {
  const folder = useFolder(opus, parentFolder(initialPath));
  const [name, setName] = useState(baseName(initialPath));
  const field = useRef<HTMLInputElement>(null);

  // The name without its extension is selected, as desktop save dialogs do.
  useEffect(() => {
    const input = field.current;
    if (!input) return;
    input.focus();
    input.setSelectionRange(0, stemLength(input.value));
  }, []);

  const check = checkTarget(folder.path, folder.entries, name, 'asks');
  const ready = check.problem === null && !folder.loading;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) onSave(joinPath(folder.path, name));
  };

  return (
    <ModalDialog label="Save As" onClose={onClose} className="browser-dialog">
      <h2>Save As</h2>
      <FolderBrowser
        opus={opus}
        folder={folder}
        onActivateFile={(entry) => onSave(entry.path)}
        onSelectionChange={(entry, byPerson) => byPerson && entry?.kind === 'file' && setName(entry.name)}
      />
      <form onSubmit={submit}>
        <TargetNameField ref={field} label="File name" name={name} check={check} onChange={setName} />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!ready}>
            Save
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
