import { useCallback, useEffect, useState } from 'react';
import { COMMAND_LIST, keyParts } from '../../electron/common/menu-commands.ts';
import type { CommandId } from '../commands.ts';
import { monaco } from '../editor/monaco.ts';
import type { MonacoEditor } from './monaco-editor.ts';

export interface PreviewControls {
  /** Whether the document's preview is open beside it. */
  shown(documentId: string): boolean;
  toggle(documentId: string): void;
  /** Remote images allowed for this document (for as long as it is open in this window). */
  remoteAllowed(documentId: string): boolean;
  allowRemote(documentId: string): void;
}

/** Which documents show their preview, and which allow remote images: per tab, as VS Code keeps them. */
export function useMarkdownPreview(): PreviewControls {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [remote, setRemote] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((documentId: string) => setOpen((old) => flipped(old, documentId)), []);
  const allowRemote = useCallback(
    (documentId: string) => setRemote((old) => new Set(old).add(documentId)),
    [],
  );
  return {
    shown: (documentId) => open.has(documentId),
    toggle,
    remoteAllowed: (documentId) => remote.has(documentId),
    allowRemote,
  };
}

function flipped(set: ReadonlySet<string>, item: string): ReadonlySet<string> {
  const next = new Set(set);
  if (!next.delete(item)) next.add(item);
  return next;
}

/** Whether a path is Markdown by its name: its preview is a button away. */
export const isMarkdownPath = (path: string) => /\.(md|markdown)$/i.test(path);

/**
 * The list's chords (Ctrl/Cmd+K V) while the editor has the focus. Monaco has chords of its own that
 * start with Ctrl/Cmd+K, so the page's key handler leaves the editor's keys to it (use-shortcuts.ts)
 * and the chord is registered here as an editor action.
 */
export function useEditorChords(editor: MonacoEditor | null, run: (command: CommandId) => void): void {
  useEffect(() => {
    if (!editor) return;
    const actions = COMMAND_LIST.flatMap((entry) => {
      if (!entry.chord) return [];
      const [first, second] = entry.chord.map(monacoKey);
      return [
        editor.addAction({
          id: `opus.${entry.id}`,
          label: entry.label,
          keybindings: [monaco.KeyMod.chord(first ?? 0, second ?? 0)],
          run: () => run(entry.id),
        }),
      ];
    });
    return () => {
      for (const action of actions) action.dispose();
    };
  }, [editor, run]);
}

/** `Mod+K` as Monaco's key code: letters and digits, which is what chords here are made of. */
function monacoKey(binding: string): number {
  const { mod, shift, key } = keyParts(binding);
  const code = /^[0-9]$/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`;
  const keyCode = monaco.KeyCode[code as keyof typeof monaco.KeyCode] ?? 0;
  return keyCode | (mod ? monaco.KeyMod.CtrlCmd : 0) | (shift ? monaco.KeyMod.Shift : 0);
}
