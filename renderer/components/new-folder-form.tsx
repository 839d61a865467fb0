import { type FormEvent, useState } from 'react';
import { describeError, errorKind, type OpusApi } from '../opus.ts';
import { joinPath, pathProblem } from '../state/dropbox-names.ts';
import type { ListedEntry } from '../state/use-folder.ts';
import { useInlineField } from './use-inline-field.ts';

interface NewFolderFormProps {
  opus: OpusApi;
  /** Where the folder goes ("" is the Dropbox root). */
  parent: string;
  suggestedName: string;
  onCreated(folder: ListedEntry): void;
  onDiscard(): void;
}

/** The inline "New folder" field: a name, checked here first, then `createFolder` in Dropbox. */
export function NewFolderForm({ opus, parent, suggestedName, onCreated, onDiscard }: NewFolderFormProps) {
  const [name, setName] = useState(suggestedName);
  const { problem, setProblem, busy, setBusy, input, problemId, keyDown } = useInlineField(onDiscard, {
    select: true,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = pathProblem(parent, name);
    if (local) return setProblem(local);
    setBusy(true);
    try {
      const folder = await opus.createFolder({ path: joinPath(parent, name) });
      if (folder.kind !== 'deleted') onCreated(folder);
    } catch (caught) {
      // The core's conflict words are about saves; here a conflict only means the name is taken.
      setProblem(
        errorKind(caught) === 'conflict' ? `“${name}” already exists in this folder.` : describeError(caught),
      );
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <form className="new-folder" onSubmit={(event) => void submit(event)} onKeyDown={keyDown}>
      <span className="file-icon folder" aria-hidden="true" />
      <input
        ref={input}
        aria-label="New folder name"
        aria-invalid={problem !== null}
        aria-describedby={problem ? problemId : undefined}
        value={name}
        readOnly={busy}
        spellCheck={false}
        onChange={(event) => {
          setName(event.target.value);
          setProblem(null);
        }}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create'}
      </button>
      <button type="button" className="quiet" aria-label="Discard new folder" onClick={onDiscard}>
        ×
      </button>
      {problem && (
        <p id={problemId} className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
