import { useEffect, useRef, useState } from 'react';
import {
  type CommandResponse,
  type ConflictedCopy,
  type DocumentSnapshot,
  describeError,
  type MergeHunk,
  type MergeOriginSpan,
  type OpusApi,
  type RemoteFile,
} from '../opus.ts';
import { copyLabel } from '../state/conflicted-copy-words.ts';
import { type MergeChoices, withChoice } from './merge-choices.ts';
import { HunksStep, ReviewStep, StepStatus } from './merge-steps.tsx';
import { ModalDialog } from './modal-dialog.tsx';

type Merge = CommandResponse<'mergeConflictedCopy'>;

type View =
  | { kind: 'busy'; what: string }
  | { kind: 'list'; copies: readonly ConflictedCopy[] }
  | { kind: 'hunks'; merge: Merge; hunks: MergeHunk[]; choices: MergeChoices }
  | { kind: 'review'; merge: Merge; text: string; origins: MergeOriginSpan[] }
  /** The merge is saved: only now may the copy go, and only if the person says so. */
  | { kind: 'saved'; copy: RemoteFile }
  | { kind: 'done'; message: string };

interface ConflictedCopyDialogProps {
  opus: OpusApi;
  documentId: string;
  originalName: string;
  language: string;
  /** Every edit made so far is in main: the merge's "mine" is main's copy, which is the editor's text. */
  flush(): Promise<number>;
  onSaved(snapshot: DocumentSnapshot): void;
  /** Dropbox's original moved on while merging: nothing was saved, the document is as it was. */
  onConflict(): void;
  onCopiesChanged(): void;
  onClose(): void;
}

const ancestorWords = (merge: Merge): string =>
  merge.ancestor
    ? `Merged from the revision of ${merge.ancestor.serverModified.replace('T', ' ').replace('Z', ' UTC')} the copy started from.`
    : 'No revision older than the copy is known, so every difference is yours to choose.';

/** Resolve…: a conflicted copy merged into the document, reviewed, saved, and (if asked) deleted. */
export function ConflictedCopyDialog(props: ConflictedCopyDialogProps) {
  const { opus, documentId, originalName, language, flush, onSaved, onConflict, onCopiesChanged, onClose } =
    props;
  const [view, setView] = useState<View>({ kind: 'busy', what: 'Looking for conflicted copies…' });
  const [error, setError] = useState<string | null>(null);
  const reviewed = useRef('');

  const attempt = async (
    what: string,
    work: () => Promise<void>,
    back: View = { kind: 'list', copies: [] },
  ) => {
    setError(null);
    setView({ kind: 'busy', what });
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
      setView(back);
    }
  };

  const merge = (copy: ConflictedCopy, copies: readonly ConflictedCopy[]) =>
    attempt(
      'Merging…',
      async () => {
        const result = await opus.mergeConflictedCopy({
          documentId,
          version: await flush(),
          copyPath: copy.file.path,
        });
        if (result.merge.kind === 'clean') {
          reviewed.current = result.merge.text;
          setView({ kind: 'review', merge: result, text: result.merge.text, origins: result.merge.origins });
        } else setView({ kind: 'hunks', merge: result, hunks: result.merge.hunks, choices: {} });
      },
      { kind: 'list', copies },
    );

  const list = () =>
    attempt('Looking for conflicted copies…', async () => {
      const { copies } = await opus.findConflictedCopies({ documentId });
      const [only] = copies;
      if (copies.length === 1 && only) await merge(only, copies);
      else setView({ kind: 'list', copies });
    });

  const applyChoices = (result: Merge, hunks: MergeHunk[], choices: MergeChoices) =>
    attempt('Merging…', async () => {
      const { text, origins } = await opus.applyMergeChoices({ hunks, choices });
      reviewed.current = text;
      setView({ kind: 'review', merge: result, text, origins });
    });

  const save = (result: Merge) =>
    attempt('Saving…', async () => {
      const answer = await opus.resolveConflictedCopy({
        documentId,
        version: await flush(),
        copyPath: result.copy.path,
        copyRev: result.copy.rev,
        text: reviewed.current,
      });
      if (answer.kind === 'conflict') {
        onConflict();
        return;
      }
      onSaved(answer.snapshot);
      setView({ kind: 'saved', copy: result.copy });
    });

  const deleteCopy = (copy: RemoteFile) =>
    attempt(
      'Deleting the copy…',
      async () => {
        await opus.deleteConflictedCopy({ documentId, copyPath: copy.path });
        onCopiesChanged();
        setView({ kind: 'done', message: `The merge is saved and ${copy.name} is deleted.` });
      },
      { kind: 'saved', copy },
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the copies are looked for once, on open
  useEffect(() => {
    void list();
  }, []);

  const wide = view.kind === 'review' || view.kind === 'hunks';
  return (
    <ModalDialog
      label="Resolve conflicted copy"
      onClose={onClose}
      className={wide ? 'conflict wide' : 'conflict'}
    >
      <h2>Conflicted copy of {originalName}</h2>
      <StepStatus error={error} busy={view.kind === 'busy' ? view.what : null} />
      {view.kind === 'list' && (
        <>
          {view.copies.length === 0 ? (
            <p>There is no conflicted copy of {originalName} beside it now.</p>
          ) : (
            <ul className="conflicted-copies">
              {view.copies.map((copy) => (
                <li key={copy.file.path}>
                  <span>{copyLabel(copy)}</span>{' '}
                  <button type="button" onClick={() => void merge(copy, view.copies)}>
                    Merge
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="dialog-buttons">
            {/* biome-ignore lint/a11y/noAutofocus: Close is the safe default */}
            <button type="button" onClick={onClose} autoFocus>
              Close
            </button>
          </div>
        </>
      )}
      {view.kind === 'hunks' && (
        <>
          <p className="hint">
            {ancestorWords(view.merge)} "Dropbox" below is the copy, {view.merge.copy.name}.
          </p>
          <HunksStep
            hunks={view.hunks}
            choices={view.choices}
            onChoose={(id, choice) => setView({ ...view, choices: withChoice(view.choices, id, choice) })}
            onCancel={onClose}
            onReview={() => void applyChoices(view.merge, view.hunks, view.choices)}
          />
        </>
      )}
      {view.kind === 'review' && (
        <ReviewStep
          hint={`${ancestorWords(view.merge)} The merged text is saved over ${originalName}, as long as Dropbox still has the version you have. Here "yours" marks the lines of ${originalName} as you have it, "Dropbox" the copy's. Edit it here if it needs it: Save merged saves what you see.`}
          language={language}
          text={view.text}
          origins={view.origins}
          onEdit={(text) => {
            reviewed.current = text;
          }}
          onCancel={onClose}
          onSave={() => void save(view.merge)}
        />
      )}
      {view.kind === 'saved' && (
        <>
          <p>
            The merge is saved to {originalName}. Delete the conflicted copy <strong>{view.copy.name}</strong>
            ? Its text is in the merge; Dropbox keeps deleted files for a while, too.
          </p>
          <div className="dialog-buttons">
            {/* biome-ignore lint/a11y/noAutofocus: keeping the copy is the safe default */}
            <button type="button" onClick={onClose} autoFocus>
              Keep the copy
            </button>
            <button type="button" onClick={() => void deleteCopy(view.copy)}>
              Delete the copy
            </button>
          </div>
        </>
      )}
      {view.kind === 'done' && (
        <>
          <p role="status">{view.message}</p>
          <div className="dialog-buttons">
            {/* biome-ignore lint/a11y/noAutofocus: the one way on */}
            <button type="button" className="primary" onClick={onClose} autoFocus>
              Done
            </button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
