import type { MergeHunk } from '../opus.ts';
import type { HunkChoice } from './hunk-chooser.tsx';

/** Choices by hunk id (a string: the choices travel as a JSON object to applyMergeChoices). */
export type MergeChoices = Record<string, HunkChoice>;

/** The choices with this hunk's answered (a new answer replaces the old one). */
export const withChoice = (choices: MergeChoices, id: number, choice: HunkChoice): MergeChoices => ({
  ...choices,
  [String(id)]: choice,
});

/** The merge can be reviewed once every overlapping change has a choice; the rest merge by themselves. */
export const everyConflictChosen = (hunks: readonly MergeHunk[], choices: MergeChoices): boolean =>
  !hunks.some((hunk) => hunk.kind === 'conflict' && !choices[String(hunk.id)]);
