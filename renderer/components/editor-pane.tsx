import { useLayoutEffect, useRef } from 'react';
import { DOCUMENT_EDITOR_OPTIONS, monaco } from '../editor/monaco.ts';
import { followColorScheme } from '../editor/theme.ts';
import type { DocumentSnapshot } from '../opus.ts';
import type { EditLoop } from '../state/edit-loop.ts';

type Editor = ReturnType<typeof monaco.editor.create>;
type Model = ReturnType<typeof monaco.editor.createModel>;
type ViewState = ReturnType<Editor['saveViewState']>;

export interface EditorHandle {
  /** The text of an open document (null when it has no tab), whether or not its tab is showing. */
  getText(documentId: string): string | null;
  focus(): void;
  /** The editor itself, for views that follow it (the Markdown preview reads its text and scroll). */
  editor: Editor;
}

export interface EditorDocument {
  /** A new snapshot (open, reload, restore) replaces the text; saves keep theirs, so undo survives. */
  snapshot: DocumentSnapshot;
  language: string;
}

interface EditorPaneProps {
  documents: readonly EditorDocument[];
  activeId: string;
  /** Carries every change of a tab's text to main, as edits. */
  loop: EditLoop;
  onReady(handle: EditorHandle | null): void;
}

interface Tab {
  model: Model;
  shown: DocumentSnapshot;
  view: ViewState | null;
}

/**
 * One Monaco editor and one model per tab: switching tabs swaps models, so each tab keeps its own undo
 * stack, cursor and scroll position, and a background tab's text is there to save or journal.
 */
export function EditorPane({ documents, activeId, loop, onReady }: EditorPaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const tabs = useRef(new Map<string, Tab>());
  const edits = useRef(loop);
  edits.current = loop;

  // Layout effects, not effects: the editor, and then a document's text, are in the same frame as the
  // pane, rather than each a frame later (npm run bench, editor ready).
  useLayoutEffect(() => {
    if (!host.current) return;
    const instance = monaco.editor.create(host.current, { ...DOCUMENT_EDITOR_OPTIONS, model: null });
    editor.current = instance;
    const open = tabs.current;
    const stopTheme = followColorScheme(monaco);
    onReady({
      getText: (documentId) => open.get(documentId)?.model.getValue() ?? null,
      focus: () => instance.focus(),
      editor: instance,
    });
    return () => {
      onReady(null);
      stopTheme();
      instance.setModel(null);
      for (const [documentId, tab] of open) {
        edits.current.detach(documentId);
        tab.model.dispose();
      }
      open.clear();
      instance.dispose();
      editor.current = null;
    };
  }, [onReady]);

  useLayoutEffect(() => {
    const instance = editor.current;
    if (!instance) return;
    const open = tabs.current;
    const wanted = new Set(documents.map((doc) => doc.snapshot.documentId));
    for (const [documentId, tab] of open) {
      if (wanted.has(documentId)) continue;
      if (instance.getModel() === tab.model) instance.setModel(null);
      edits.current.detach(documentId);
      tab.model.dispose();
      open.delete(documentId);
    }
    for (const { snapshot, language } of documents) {
      const tab = open.get(snapshot.documentId);
      if (!tab) {
        const model = monaco.editor.createModel(snapshot.text, language);
        // The core hands over text with "\n" only and puts the file's own line endings back on save.
        model.setEOL(monaco.editor.EndOfLineSequence.LF);
        open.set(snapshot.documentId, { model, shown: snapshot, view: null });
        edits.current.attach(snapshot.documentId, model);
        continue;
      }
      if (tab.shown !== snapshot) {
        // Reloaded, merged or restored: replace the text as one undoable edit, cursor and scroll kept.
        // Main set this text itself, so the replacement is no edit to send it.
        edits.current.replacing(snapshot.documentId, () => {
          tab.model.pushStackElement();
          tab.model.pushEditOperations(
            [],
            [{ range: tab.model.getFullModelRange(), text: snapshot.text }],
            () => null,
          );
          tab.model.pushStackElement();
        });
        tab.shown = snapshot;
      }
      // Save As may rename the file to another extension: recolour the same model.
      if (tab.model.getLanguageId() !== language) monaco.editor.setModelLanguage(tab.model, language);
    }

    const target = open.get(activeId);
    const current = instance.getModel();
    if (!target || current === target.model) return;
    for (const tab of open.values()) if (tab.model === current) tab.view = instance.saveViewState();
    instance.setModel(target.model);
    if (target.view) instance.restoreViewState(target.view);
    instance.focus();
  }, [documents, activeId]);

  return <div ref={host} className="editor-host" />;
}
