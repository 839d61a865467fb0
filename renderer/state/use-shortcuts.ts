import { useEffect, useRef } from 'react';

/**
 * Ctrl/Cmd+S saves, Ctrl/Cmd+Shift+S saves as, Ctrl/Cmd+O opens. Listened for in the capture phase, so
 * it works whether Monaco or the page has the focus, and the browser's own "save page" never shows.
 */
export function useShortcuts(actions: { save(): void; saveAs(): void; open(): void }): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const keyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        if (event.shiftKey) latest.current.saveAs();
        else latest.current.save();
      } else if (key === 'o' && !event.shiftKey) {
        event.preventDefault();
        latest.current.open();
      }
    };
    window.addEventListener('keydown', keyDown, true);
    return () => window.removeEventListener('keydown', keyDown, true);
  }, []);
}
