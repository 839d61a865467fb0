import { useEffect, useRef } from 'react';
import { monaco } from '../editor/monaco.ts';

interface MonacoViewProps {
  label: string;
  language: string;
  /** The text shown (the right-hand side of a diff). */
  text: string;
  /** With an original the view is a side-by-side diff: original on the left, `text` on the right. */
  original?: string;
  /** What a screen reader calls each side of a diff (by default, the label and the side). */
  sideLabels?: { original: string; text: string };
  /** A diff's + and - signs in the gutter (off where neither side is "added" or "removed"). */
  indicators?: boolean;
}

const OPTIONS = {
  automaticLayout: true,
  readOnly: true,
  minimap: { enabled: false },
  wordWrap: 'on' as const,
  fontSize: 13,
  scrollBeyondLastLine: false,
};

/** A read-only Monaco editor or diff editor for a dialog: the other side is never editable. */
export function MonacoView({
  label,
  language,
  text,
  original,
  sideLabels,
  indicators = true,
}: MonacoViewProps) {
  const originalLabel = sideLabels?.original ?? `${label}: left side, read-only`;
  const textLabel = sideLabels?.text ?? `${label}: right side`;
  const host = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const modified = monaco.editor.createModel(text, language);
    if (original === undefined) {
      const view = monaco.editor.create(host.current, { ...OPTIONS, model: modified, ariaLabel: label });
      return () => {
        view.dispose();
        modified.dispose();
      };
    }
    const left = monaco.editor.createModel(original, language);
    const diff = monaco.editor.createDiffEditor(host.current, {
      ...OPTIONS,
      originalEditable: false,
      renderSideBySide: true,
      renderIndicators: indicators,
      ariaLabel: label,
      originalAriaLabel: originalLabel,
      modifiedAriaLabel: textLabel,
    });
    diff.setModel({ original: left, modified });
    // The constructor's side labels do not reach the inputs in this Monaco; each side's own option does.
    diff.getOriginalEditor().updateOptions({ ariaLabel: originalLabel });
    diff.getModifiedEditor().updateOptions({ ariaLabel: textLabel });
    return () => {
      diff.dispose();
      left.dispose();
      modified.dispose();
    };
  }, [label, language, text, original, originalLabel, textLabel, indicators]);
  return <section ref={host} className="monaco-view" aria-label={label} />;
}
