import type { ConflictSides } from '../state/conflict-sides.ts';
import { useShortRevs } from '../state/use-short-revs.ts';
import { conflictRevs, dropboxVersionWords, yourVersionWords } from './conflict-sides-words.ts';
import { MonacoView } from './monaco-view.tsx';

interface CompareSidesProps {
  sides: ConflictSides;
  language: string;
  theirs: string;
  mine: string;
}

/**
 * Dropbox's version beside the user's, each side named above it, in side colours (blue theirs, green
 * yours: renderer/editor/theme.ts) rather than "removed" red and "added" green, with a legend.
 */
export function CompareSides({ sides, language, theirs, mine }: CompareSidesProps) {
  const shortOf = useShortRevs(conflictRevs(sides));
  return (
    <>
      <div className="compare-headings">
        <h3>
          Dropbox version <span className="hint">{dropboxVersionWords(sides, shortOf)}, read-only</span>
        </h3>
        <h3>
          Your version <span className="hint">{yourVersionWords(sides, shortOf)}</span>
        </h3>
      </div>
      <MonacoView
        label="Dropbox version compared with yours"
        language={language}
        original={theirs}
        text={mine}
        sideLabels={{ original: 'Dropbox version, read-only', text: 'Your version' }}
        indicators={false}
      />
      <ul className="side-legend" aria-label="Colours">
        <li>
          <span className="swatch swatch-theirs" aria-hidden="true" />
          Lines that differ in the Dropbox version
        </li>
        <li>
          <span className="swatch swatch-mine" aria-hidden="true" />
          Lines that differ in your version
        </li>
      </ul>
    </>
  );
}
