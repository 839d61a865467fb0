import { useEffect, useRef } from 'react';
import { monaco } from '../editor/monaco.ts';
import type { MergeOriginSpan } from '../opus.ts';
import { ORIGIN_WORDS, type OriginMark, originMarks } from './merge-origin-marks.ts';

interface MergedReviewProps {
  language: string;
  /** The merged text as main joined it; the person may edit it before saving. */
  text: string;
  origins: readonly MergeOriginSpan[];
  /** Every edit, with the whole text: Save merged saves what the person sees. */
  onEdit(text: string): void;
}

const ORIGIN_CLASS = 'merge-origin-';

const originOf = (model: monaco.editor.ITextModel, line: number): OriginMark['origin'] | undefined => {
  const mark = model
    .getLineDecorations(line)
    .find((decoration) => decoration.options.className?.startsWith(ORIGIN_CLASS));
  return mark?.options.className?.slice(ORIGIN_CLASS.length) as OriginMark['origin'] | undefined;
};

/**
 * The reviewed merge, editable, each line marked with where it came from: a coloured bar and a word
 * beside its number. The marks are Monaco decorations, so they move with the person's edits.
 */
export function MergedReview({ language, text, origins, onEdit }: MergedReviewProps) {
  const host = useRef<HTMLElement>(null);
  const edited = useRef(onEdit);
  edited.current = onEdit;
  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel(text, language);
    const editor = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      wordWrap: 'on',
      fontSize: 13,
      scrollBeyondLastLine: false,
      ariaLabel: 'Merged text, editable',
      lineNumbersMinChars: 11,
      lineNumbers: (line) => {
        const origin = originOf(model, line);
        return origin ? `${ORIGIN_WORDS[origin].tag}  ${line}` : String(line);
      },
    });
    editor.createDecorationsCollection(
      originMarks(origins, model.getLineCount()).map(({ origin, startLine, endLine }) => ({
        range: new monaco.Range(startLine, 1, endLine, 1),
        options: {
          isWholeLine: true,
          className: `${ORIGIN_CLASS}${origin}`,
          linesDecorationsClassName: `merge-origin-bar ${ORIGIN_CLASS}${origin}`,
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      })),
    );
    const listening = model.onDidChangeContent(() => edited.current(model.getValue()));
    return () => {
      listening.dispose();
      editor.dispose();
      model.dispose();
    };
  }, [text, language, origins]);
  return <section ref={host} className="monaco-view" aria-label="Merged text" />;
}

/** What the marks mean, in the sides' words. */
export function OriginLegend() {
  return (
    <ul className="side-legend" aria-label="Where the merged lines came from">
      {(Object.keys(ORIGIN_WORDS) as OriginMark['origin'][]).map((origin) => (
        <li key={origin}>
          <span className={`swatch swatch-${origin}`} aria-hidden="true" />
          <strong>{ORIGIN_WORDS[origin].tag}</strong>&nbsp;{ORIGIN_WORDS[origin].legend}
        </li>
      ))}
      <li>
        <span className="swatch" aria-hidden="true" />
        <strong>no word</strong>&nbsp;unchanged
      </li>
    </ul>
  );
}
