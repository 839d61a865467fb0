import type { MergeChoice, MergeHunk } from '../opus.ts';
import { type HunkContext, hunkContexts } from './hunk-context.ts';

/** The contract's choices for a hunk but the user's own lines, which this chooser does not offer. */
export type HunkChoice = Exclude<MergeChoice, { custom: string }>;

interface HunkChooserProps {
  hunks: MergeHunk[];
  choices: Record<string, HunkChoice>;
  onChoose(id: number, choice: HunkChoice): void;
}

const LABELS: Record<HunkChoice, string> = { mine: 'Mine', theirs: 'Theirs', both: 'Both' };

/** One side of a conflict between its greyed, agreed lines of context, so it is clear where it sits. */
function Side({
  caption,
  text,
  context,
}: {
  caption: string;
  text: string;
  context: HunkContext | undefined;
}) {
  const before = context?.before ?? [];
  const after = context?.after ?? [];
  const own = text || '(removed)\n';
  return (
    <figure>
      <figcaption>{caption}</figcaption>
      <pre>
        {before.length > 0 && (
          <span className="hunk-context">{before.map((line) => `${line}\n`).join('')}</span>
        )}
        <span className="hunk-lines">{after.length > 0 ? own : own.slice(0, -1)}</span>
        {after.length > 0 && <span className="hunk-context">{after.join('\n')}</span>}
      </pre>
    </figure>
  );
}

/** Every overlapping change, one at a time: both texts side by side and a choice that must be made. */
export function HunkChooser({ hunks, choices, onChoose }: HunkChooserProps) {
  const conflicts = hunks.filter((hunk) => hunk.kind === 'conflict');
  const contexts = hunkContexts(hunks);
  return (
    <ol className="hunks">
      {conflicts.map((hunk, index) => (
        <li key={hunk.id}>
          <fieldset>
            <legend>
              Conflict {index + 1} of {conflicts.length}, at line {hunk.line} of your version
            </legend>
            <div className="hunk-sides">
              <Side caption="Your version" text={hunk.mine} context={contexts.get(hunk.id)} />
              <Side caption="Dropbox version" text={hunk.theirs} context={contexts.get(hunk.id)} />
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
