import { useEffect } from 'react';
import { moveToRegion } from './region-keys.ts';

/** F6 / Shift+F6 between the workspace's regions, unless a modal dialog holds the keyboard. */
export function useRegionKeys(): void {
  useEffect(() => {
    const keyDown = (event: KeyboardEvent) => {
      if (event.key !== 'F6' || event.ctrlKey || event.altKey || event.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (moveToRegion(document, document.activeElement, event.shiftKey)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('keydown', keyDown, true);
    return () => window.removeEventListener('keydown', keyDown, true);
  }, []);
}
