// Follows the OS light/dark setting, live: Monaco has its own theme, the page follows CSS media queries.
import type * as Monaco from 'monaco-editor/editor';

const DARK = '(prefers-color-scheme: dark)';

export function followColorScheme(monaco: typeof Monaco): () => void {
  const query = window.matchMedia(DARK);
  const apply = () => monaco.editor.setTheme(query.matches ? 'vs-dark' : 'vs');
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
