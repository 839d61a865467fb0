import { type FormEvent, useEffect, useRef } from 'react';
import { isFileName } from '../state/revision-copy-name.ts';

interface RevisionCopyFormProps {
  /** The folder the copy goes to ("" for the Dropbox root). */
  folder: string;
  name: string;
  error: string | null;
  busy: boolean;
  onChange(name: string): void;
  onSubmit(name: string): void;
  onCancel(): void;
}

/** "Open as new document…": the name for the copy, in the same folder as the file. */
export function RevisionCopyForm(props: RevisionCopyFormProps) {
  const { folder, name, error, busy, onChange, onSubmit, onCancel } = props;
  const input = useRef<HTMLInputElement>(null);
  // Focus the name with its stem selected (not the extension), as desktop save dialogs do.
  useEffect(() => {
    const field = input.current;
    if (!field) return;
    const dot = field.value.lastIndexOf('.');
    field.focus();
    field.setSelectionRange(0, dot > 0 ? dot : field.value.length);
  }, []);
  // Refused (the name is taken): back to the name, which the busy state had disabled.
  useEffect(() => {
    if (error) input.current?.focus();
  }, [error]);
  const valid = isFileName(name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid && !busy) onSubmit(name.trim());
  };

  return (
    <form className="revision-copy" onSubmit={submit} aria-label="New document from this revision">
      <label htmlFor="revision-copy-name">Name of the new document</label>
      <div className="revision-copy-row">
        <input
          ref={input}
          id="revision-copy-name"
          value={name}
          onChange={(event) => onChange(event.target.value)}
          spellCheck={false}
          disabled={busy}
          aria-invalid={error !== null || !valid}
          aria-describedby="revision-copy-where"
        />
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!valid || busy}>
          Create and open
        </button>
      </div>
      <p id="revision-copy-where" className="hint">
        In {folder || 'the Dropbox root'}
        {valid ? '' : ' — a name cannot be empty or contain "/".'}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
