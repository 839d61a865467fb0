import type { ReactNode } from 'react';
import type { MergeHunk, MergeOriginSpan } from '../opus.ts';
import { type HunkChoice, HunkChooser } from './hunk-chooser.tsx';
import { everyConflictChosen, type MergeChoices } from './merge-choices.ts';
import { MergedReview, OriginLegend } from './merged-review.tsx';

// The two steps every merge goes through, whatever its sides (a save conflict, a conflicted copy):
// choose each overlapping change, then review the merged text before it is saved.

interface HunksStepProps {
  hunks: MergeHunk[];
  choices: MergeChoices;
  onChoose(id: number, choice: HunkChoice): void;
  onCancel(): void;
  onReview(): void;
}

export function HunksStep({ hunks, choices, onChoose, onCancel, onReview }: HunksStepProps) {
  return (
    <>
      <HunkChooser hunks={hunks} choices={choices} onChoose={onChoose} />
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!everyConflictChosen(hunks, choices)}
          onClick={onReview}
        >
          Review merge
        </button>
      </div>
    </>
  );
}

interface ReviewStepProps {
  /** What is saved where, in the dialog's words. */
  hint: ReactNode;
  language: string;
  text: string;
  origins: MergeOriginSpan[];
  onEdit(text: string): void;
  onCancel(): void;
  onSave(): void;
}

export function ReviewStep({ hint, language, text, origins, onEdit, onCancel, onSave }: ReviewStepProps) {
  return (
    <>
      <p className="hint">{hint}</p>
      <OriginLegend />
      <MergedReview language={language} text={text} origins={origins} onEdit={onEdit} />
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onSave}>
          Save merged
        </button>
      </div>
    </>
  );
}

/** What a merge dialog says between its steps: the last failure, and the work under way. */
export function StepStatus({ error, busy }: { error: string | null; busy: string | null }) {
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {busy !== null && <p aria-busy="true">{busy}</p>}
    </>
  );
}
