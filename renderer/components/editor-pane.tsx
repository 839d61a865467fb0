import { useEffect, useRef } from 'react';
import { monaco } from '../editor/monaco.ts';
import { followColorScheme } from '../editor/theme.ts';
import type { DocumentSnapshot } from '../opus.ts';

export interface EditorHandle {
  getText(): string;
}

interface EditorPaneProps {
  /** A new snapshot (open, reload) replaces the text; saves do not pass one, so the undo stack survives. */
  snapshot: DocumentSnapshot;
  language: string;
  onEdited(): void;
  onReady(handle: EditorHandle | null): void;
}

export function EditorPane({ snapshot, language, onEdited, onReady }: EditorPaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<ReturnType<typeof monaco.editor.create> | null>(null);
  const edited = useRef(onEdited);
  edited.current = onEdited;
  const languageNow = useRef(language);
  languageNow.current = language;

  useEffect(() => {
    if (!host.current) return;
    const instance = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      wordWrap: 'on',
      fontSize: 14,
      scrollBeyondLastLine: false,
      ariaLabel: 'Document text',
    });
    editor.current = instance;
    const stopTheme = followColorScheme(monaco);
    const changes = instance.onDidChangeModelContent(() => edited.current());
    onReady({ getText: () => instance.getModel()?.getValue() ?? '' });
    return () => {
      onReady(null);
      changes.dispose();
      stopTheme();
      instance.getModel()?.dispose();
      instance.dispose();
      editor.current = null;
    };
  }, [onReady]);

  const shownId = useRef<string | null>(null);
  useEffect(() => {
    const instance = editor.current;
    if (!instance) return;
    // The same document reloaded (a remote change, take theirs): keep the cursor and scroll where they were.
    const sameDocument = shownId.current === snapshot.documentId;
    const viewState = sameDocument ? instance.saveViewState() : null;
    const model = monaco.editor.createModel(snapshot.text, languageNow.current);
    // The core hands over text with "\n" only and puts the file's own line endings back on save.
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    const previous = instance.getModel();
    instance.setModel(model);
    previous?.dispose();
    if (viewState) instance.restoreViewState(viewState);
    shownId.current = snapshot.documentId;
    if (!sameDocument) instance.focus();
  }, [snapshot]);

  // Save As may rename the file to another extension: recolour the same model, keep text and undo.
  useEffect(() => {
    const model = editor.current?.getModel();
    if (model && model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
  }, [language]);

  return <div ref={host} className="editor-host" />;
}
