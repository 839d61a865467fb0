import { useEffect, useRef, useState } from 'react';
import {
  type ConflictResolution,
  describeError,
  type MergeHunk,
  type MergeOriginSpan,
  type OpusApi,
} from '../opus.ts';
import type { ShortOf } from '../short-revs.ts';
import type { ConflictSides, ConflictView, Resolution } from '../state/conflict-sides.ts';
import { useShortRevs } from '../state/use-short-revs.ts';
import { CompareSides } from './compare-sides.tsx';
import {
  conflictRevs,
  conflictTitle,
  dropboxVersionWords,
  yourVersionWords,
} from './conflict-sides-words.ts';
import { type MergeChoices, withChoice } from './merge-choices.ts';
import { HunksStep, ReviewStep, StepStatus } from './merge-steps.tsx';
import { ModalDialog } from './modal-dialog.tsx';

type View =
  | { kind: 'choose' }
  | { kind: 'busy'; what: string }
  | { kind: 'compare'; theirs: string }
  | { kind: 'hunks'; hunks: MergeHunk[]; choices: MergeChoices }
  | { kind: 'review'; merged: string; origins: MergeOriginSpan[] };

interface ConflictDialogProps {
  opus: OpusApi;
  sides: ConflictSides;
  initialView: ConflictView;
  language: string;
  getText(): string;
  /** Every edit made so far is in main: main merges and saves its copy, which is the editor's text. */
  flush(): Promise<number>;
  onResolved(resolution: Resolution, text: string): void;
  onClose(): void;
}

/** A stale save, or the banner's Merge/Compare: both sides named, and every way out of the conflict. */
export function ConflictDialog(props: ConflictDialogProps) {
  const { opus, sides, initialView, language, getText, flush, onResolved, onClose } = props;
  const [view, setView] = useState<View>({ kind: 'busy', what: 'Loading…' });
  const [error, setError] = useState<string | null>(null);
  // The review's text as the person left it: edits there are what Save merged saves.
  const reviewed = useRef('');
  const shortOf = useShortRevs(conflictRevs(sides));

  const attempt = async (what: string, work: () => Promise<void>) => {
    setError(null);
    setView({ kind: 'busy', what });
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
      setView({ kind: 'choose' });
    }
  };

  const compare = () =>
    attempt('Fetching the Dropbox version…', async () => {
      let theirs = sides.remoteText;
      if (theirs === null && sides.remote) {
        theirs = (await opus.getRevisionText({ path: sides.remote.path, rev: sides.remote.rev })).text;
      }
      setView({ kind: 'compare', theirs: theirs ?? '' });
    });

  const review = (merged: string, origins: MergeOriginSpan[]) => {
    reviewed.current = merged;
    setView({ kind: 'review', merged, origins });
  };

  const merge = () =>
    attempt('Merging…', async () => {
      const result = await opus.mergeConflict({ documentId: sides.documentId, version: await flush() });
      if (result.kind === 'clean') review(result.text, result.origins);
      else setView({ kind: 'hunks', hunks: result.hunks, choices: {} });
    });

  const applyChoices = (hunks: MergeHunk[], choices: MergeChoices) =>
    attempt('Merging…', async () => {
      const { text, origins } = await opus.applyMergeChoices({ hunks, choices });
      review(text, origins);
    });

  /** `merged`: the reviewed merge (use_merged); every other choice acts on the editor's text. */
  const resolve = (resolution: ConflictResolution, merged?: string) =>
    attempt('Saving…', async () => {
      const version = await flush();
      const result = await opus.resolveConflict({
        documentId: sides.documentId,
        resolution,
        version,
        ...(merged === undefined ? {} : { text: merged }),
      });
      onResolved(result, merged ?? getText());
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first view is chosen once, on open
  useEffect(() => {
    if (initialView === 'compare') void compare();
    else if (initialView === 'merge') void merge();
    else setView({ kind: 'choose' });
  }, []);

  const back = () => setView({ kind: 'choose' });
  const wide = view.kind === 'compare' || view.kind === 'review' || view.kind === 'hunks';

  return (
    <ModalDialog
      label="Conflict with Dropbox"
      onClose={onClose}
      className={wide ? 'conflict wide' : 'conflict'}
    >
      <h2>{conflictTitle(sides)}</h2>
      <Sides sides={sides} shortOf={shortOf} />
      <StepStatus error={error} busy={view.kind === 'busy' ? view.what : null} />
      {view.kind === 'choose' && (
        <Choices
          canMerge={sides.remote !== null}
          onMerge={merge}
          onCompare={compare}
          onResolve={(resolution) => void resolve(resolution)}
          onClose={onClose}
        />
      )}
      {view.kind === 'compare' && (
        <>
          <CompareSides sides={sides} language={language} theirs={view.theirs} mine={getText()} />
          <div className="dialog-buttons">
            <button type="button" onClick={back}>
              Back
            </button>
          </div>
        </>
      )}
      {view.kind === 'hunks' && (
        <HunksStep
          hunks={view.hunks}
          choices={view.choices}
          onChoose={(id, choice) => setView({ ...view, choices: withChoice(view.choices, id, choice) })}
          onCancel={back}
          onReview={() => void applyChoices(view.hunks, view.choices)}
        />
      )}
      {view.kind === 'review' && (
        <ReviewStep
          hint={`The merged text, to be saved over Dropbox's rev ${shortOf(sides.remote?.rev ?? '')}. Edit it here if it needs it: Save merged saves what you see.`}
          language={language}
          text={view.merged}
          origins={view.origins}
          onEdit={(text) => {
            reviewed.current = text;
          }}
          onCancel={back}
          onSave={() => void resolve('use_merged', reviewed.current)}
        />
      )}
    </ModalDialog>
  );
}

function Sides({ sides, shortOf }: { sides: ConflictSides; shortOf: ShortOf }) {
  return (
    <dl className="conflict-sides">
      <div>
        <dt>Your version</dt>
        <dd>{yourVersionWords(sides, shortOf)}</dd>
      </div>
      <div>
        <dt>Dropbox version</dt>
        <dd>{dropboxVersionWords(sides, shortOf)}</dd>
      </div>
    </dl>
  );
}

interface ChoicesProps {
  canMerge: boolean;
  onMerge(): void;
  onCompare(): void;
  onResolve(resolution: ConflictResolution): void;
  onClose(): void;
}

function Choices({ canMerge, onMerge, onCompare, onResolve, onClose }: ChoicesProps) {
  return (
    <div className="dialog-buttons conflict-choices">
      {/* biome-ignore lint/a11y/noAutofocus: Cancel is the safe default; nothing is overwritten by Enter */}
      <button type="button" onClick={onClose} autoFocus>
        Cancel
      </button>
      <span className="spacer" />
      <button type="button" onClick={onCompare} disabled={!canMerge}>
        Compare
      </button>
      <button type="button" onClick={() => onResolve('take_theirs')} disabled={!canMerge}>
        Take theirs
      </button>
      <button type="button" onClick={() => onResolve('save_copy')}>
        Save mine as a copy
      </button>
      <button type="button" onClick={() => onResolve('keep_mine')}>
        Keep mine
      </button>
      <button type="button" className="primary" onClick={onMerge} disabled={!canMerge}>
        Merge
      </button>
    </div>
  );
}
