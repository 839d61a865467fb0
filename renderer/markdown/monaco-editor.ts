import type { monaco } from '../editor/monaco.ts';

/** The document editor (editor-pane.tsx's), which the preview reads and scrolls. */
export type MonacoEditor = ReturnType<typeof monaco.editor.create>;
