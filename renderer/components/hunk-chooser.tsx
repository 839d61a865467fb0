import type { MergeChoice, MergeHunk } from '../opus.ts';

/** The contract's choices for a hunk but the user's own lines, which this chooser does not offer. */
export type HunkChoice = Exclude<MergeChoice, { custom: string }>;

interface HunkChooserProps {
  hunks: MergeHunk[];
  choices: Record<string, HunkChoice>;
  onChoose(id: number, choice: HunkChoice): void;
}

const LABELS: Record<HunkChoice, string> = { mine: 'Mine', theirs: 'Theirs', both: 'Both' };

/** Every overlapping change, one at a time: both texts side by side and a choice that must be made. */
export function HunkChooser({ hunks, choices, onChoose }: HunkChooserProps) {
  const conflicts = hunks.filter((hunk) => hunk.kind === 'conflict');
  return (
    <ol className="hunks">
      {conflicts.map((hunk, index) => (
        <li key={hunk.id}>
          <fieldset>
            <legend>
              Conflict {index + 1} of {conflicts.length}
            </legend>
            <div className="hunk-sides">
              <figure>
                <figcaption>Your version</figcaption>
                <pre>{hunk.mine || '(removed)'}</pre>
              </figure>
              <figure>
                <figcaption>Dropbox version</figcaption>
                <pre>{hunk.theirs || '(removed)'}</pre>
              </figure>
            </div>
            <div className="hunk-choice">
              {(Object.keys(LABELS) as HunkChoice[]).map((choice) => (
                <label key={choice}>
                  <input
                    type="radio"
                    name={`hunk-${hunk.id}`}
                    checked={choices[String(hunk.id)] === choice}
                    onChange={() => onChoose(hunk.id, choice)}
                  />
                  {LABELS[choice]}
                </label>
              ))}
            </div>
          </fieldset>
        </li>
      ))}
    </ol>
  );
}
