import { type FormEvent, useState } from 'react';
import { describeError, type OpusApi } from '../opus.ts';
import { typedPath } from '../state/entry-filter.ts';
import { findPath } from '../state/find-path.ts';
import { useInlineField } from './use-inline-field.ts';

interface GoToPathFormProps {
  opus: OpusApi;
  /** Where the field starts: the folder shown. */
  initialPath: string;
  onFolder(path: string): void;
  onFile(path: string): void;
  onDiscard(): void;
}

/**
 * The Open dialog's path field (Ctrl+L): a whole Dropbox path, `/a/b/file.txt` opens the file and
 * `/a/b` goes to the folder; a path with nothing there says so and keeps what was typed.
 */
export function GoToPathForm({ opus, initialPath, onFolder, onFile, onDiscard }: GoToPathFormProps) {
  const [typed, setTyped] = useState(initialPath === '' ? '/' : `${initialPath}/`);
  const { problem, setProblem, busy, setBusy, input, problemId, keyDown } = useInlineField(onDiscard);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const path = typedPath(typed);
    if (path === null) {
      setProblem(`${typed.trim()} is not a Dropbox path: write it from the top, like /Notes/todo.txt.`);
      return;
    }
    setBusy(true);
    try {
      const found = await findPath(opus, path);
      if (found.kind === 'folder') onFolder(found.path);
      else if (found.kind === 'file') onFile(found.path);
      else setProblem(`There is nothing at ${path} in your Dropbox. Check the path, or browse to it below.`);
    } catch (error) {
      setProblem(describeError(error, { path }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="go-to-path" onSubmit={(event) => void submit(event)} onKeyDown={keyDown}>
      <label htmlFor={`${problemId}-input`}>Go to</label>
      <input
        id={`${problemId}-input`}
        ref={input}
        aria-invalid={problem !== null}
        aria-describedby={problem ? problemId : undefined}
        value={typed}
        readOnly={busy}
        spellCheck={false}
        placeholder="/folder/file.txt"
        onChange={(event) => {
          setTyped(event.target.value);
          setProblem(null);
        }}
      />
      <button type="submit" disabled={busy}>
        Go
      </button>
      {problem && (
        <p id={problemId} className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
