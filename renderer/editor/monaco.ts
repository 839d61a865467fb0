// Monaco, loaded from the bundle (never a CDN): the editor core, a few editing features, syntax
// colouring for the languages people write in Dropbox, and ONLY the editor worker. The TS/CSS/HTML/JSON
// language-service workers are left out on purpose: they are megabytes a text editor does not need.
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
// The icon font: the find widget's buttons, folding arrows and the diff gutter's + and - are glyphs in it.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordOperations/register';
// Ctrl+M (Ctrl+Shift+M on a Mac): Tab moves the focus instead of typing a tab, so a keyboard can leave.
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/css/register';
import 'monaco-editor/languages/definitions/python/register';
import { registerJson } from './json-language.ts';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
registerJson(monaco);

/**
 * The document editor's options: Opus's editor pane and the benchmark's bare Monaco page both use them,
 * so the bare page has exactly Opus's editor features (npm run bench, editor ready and memory).
 */
export const DOCUMENT_EDITOR_OPTIONS = {
  automaticLayout: true,
  minimap: { enabled: false },
  wordWrap: 'on',
  fontSize: 14,
  scrollBeyondLastLine: false,
  ariaLabel: 'Document text',
} as const satisfies Parameters<typeof monaco.editor.create>[1];

export { monaco };
