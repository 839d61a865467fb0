import { type RefObject, useEffect } from 'react';
import { monaco } from '../editor/monaco.ts';
import type { MonacoEditor } from './monaco-editor.ts';
import { type LineAnchor, lineForTop, topForLine } from './scroll-sync.ts';

/** A scroll event within this many pixels of where this side was just put is the echo of that. */
const ECHO_PX = 2;

/**
 * Editor ↔ preview: whichever the person scrolls, the other follows by source line. Each side
 * remembers where it was put, so its own scroll event for that move is not taken for the person's
 * (a time window would not do: Monaco's wheel scrolling goes on animating after the last event).
 */
export function useScrollSync(
  editor: MonacoEditor,
  preview: RefObject<HTMLElement | null>,
  anchors: () => LineAnchor[],
): void {
  useEffect(() => {
    const view = preview.current;
    if (!view) return;
    let previewPut: number | null = null;
    let editorPut: number | null = null;
    const echo = (put: number | null, now: number) => put !== null && Math.abs(now - put) < ECHO_PX;
    const editorLine = () => {
      const top = editor.getScrollTop();
      const first = editor.getVisibleRanges()[0]?.startLineNumber ?? 1;
      const lineTop = editor.getTopForLineNumber(first);
      const height = editor.getTopForLineNumber(first + 1) - lineTop || 1;
      return first + Math.max(0, Math.min(1, (top - lineTop) / height));
    };
    const follow = () => {
      view.scrollTop = topForLine(anchors(), editorLine());
      previewPut = view.scrollTop;
    };
    const fromEditor = editor.onDidScrollChange((event) => {
      if (!event.scrollTopChanged) return;
      if (echo(editorPut, event.scrollTop)) return;
      editorPut = null;
      follow();
    });
    const fromPreview = () => {
      if (echo(previewPut, view.scrollTop)) return;
      previewPut = null;
      const line = lineForTop(anchors(), view.scrollTop);
      const whole = Math.floor(line);
      const lineTop = editor.getTopForLineNumber(whole);
      const top = lineTop + (line - whole) * (editor.getTopForLineNumber(whole + 1) - lineTop);
      // Where Monaco will put it (it keeps the last line at the bottom), known before its event comes.
      editorPut = Math.max(0, Math.min(top, editor.getScrollHeight() - editor.getLayoutInfo().height));
      editor.setScrollTop(editorPut, monaco.editor.ScrollType.Immediate);
    };
    view.addEventListener('scroll', fromPreview, { passive: true });
    // Opened beside a document already scrolled down: start where the editor is.
    follow();
    return () => {
      fromEditor.dispose();
      view.removeEventListener('scroll', fromPreview);
    };
  }, [editor, preview, anchors]);
}
