import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ModalDialog } from './modal-dialog.tsx';

interface SaveAsDialogProps {
  initialPath: string;
  onSave(path: string): void;
  onClose(): void;
}

/** Save under another Dropbox path, typed in full (a folder picker comes with the Dropbox browser). */
export function SaveAsDialog({ initialPath, onSave, onClose }: SaveAsDialogProps) {
  const [path, setPath] = useState(initialPath);
  const input = useRef<HTMLInputElement>(null);
  // Select the name without the extension, as desktop save dialogs do.
  useEffect(() => {
    const field = input.current;
    if (!field) return;
    const dot = initialPath.lastIndexOf('.');
    field.focus();
    field.setSelectionRange(
      initialPath.lastIndexOf('/') + 1,
      dot > initialPath.lastIndexOf('/') ? dot : initialPath.length,
    );
  }, [initialPath]);
  const valid = /^\/[^/].*[^/]$/.test(path.trim());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onSave(path.trim());
  };
  return (
    <ModalDialog label="Save As" onClose={onClose} className="save-as">
      <form onSubmit={submit}>
        <h2>Save As</h2>
        <label htmlFor="save-as-path">Dropbox path</label>
        <input
          ref={input}
          id="save-as-path"
          value={path}
          onChange={(event) => setPath(event.target.value)}
          spellCheck={false}
        />
        {!valid && <p className="hint">A path starts with "/" and names a file, like /Notes/todo.md.</p>}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            Save
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
