// Follows the OS light/dark setting, live: Monaco has its own theme, the page follows CSS media queries.
import type * as Monaco from 'monaco-editor/editor';

const DARK = '(prefers-color-scheme: dark)';

/**
 * A diff's sides are two versions, neither "removed" nor "added": Monaco's red and green read as "you
 * added, they removed" when the left side is Dropbox's. So the left (original) side is blue and the
 * right (yours) green, the colours the conflict dialog's legends and review marks use
 * (renderer/styles/conflict.css, --side-theirs and --side-mine).
 */
const SIDE_COLOURS = {
  light: { theirs: '#2f6fd2', mine: '#1a7f37' },
  dark: { theirs: '#5a9cf8', mine: '#3fb950' },
};

function sideColours({ theirs, mine }: { theirs: string; mine: string }): Monaco.editor.IColors {
  return {
    'diffEditor.removedLineBackground': `${theirs}1f`,
    'diffEditor.removedTextBackground': `${theirs}47`,
    'diffEditorGutter.removedLineBackground': `${theirs}33`,
    'diffEditorOverview.removedForeground': `${theirs}99`,
    'diffEditor.insertedLineBackground': `${mine}1f`,
    'diffEditor.insertedTextBackground': `${mine}47`,
    'diffEditorGutter.insertedLineBackground': `${mine}33`,
    'diffEditorOverview.insertedForeground': `${mine}99`,
  };
}

const LIGHT_THEME = 'opus-light';
const DARK_THEME = 'opus-dark';

function defineThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: sideColours(SIDE_COLOURS.light),
  });
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: sideColours(SIDE_COLOURS.dark),
  });
}

export function followColorScheme(monaco: typeof Monaco): () => void {
  defineThemes(monaco);
  const query = window.matchMedia(DARK);
  const apply = () => monaco.editor.setTheme(query.matches ? DARK_THEME : LIGHT_THEME);
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
