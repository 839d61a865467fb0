import { useEffect, useRef } from 'react';
import type { CommandId } from '../commands.ts';

/** The window's keys for commands; Electron's menu has the same accelerators and sends `menuCommand`. */
function commandFor(event: KeyboardEvent): CommandId | null {
  if (event.key === 'F1') return 'commandPalette';
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 's') return event.shiftKey ? 'saveAs' : 'save';
  if (key === 'o' && !event.shiftKey) return 'open';
  if (key === 'p' && event.shiftKey) return 'commandPalette';
  if (key === 'w' && !event.shiftKey) return 'closeTab';
  return null;
}

/**
 * Listened for in the capture phase, so the keys work whether Monaco or the page has the focus, and the
 * browser's own "save page" never shows. (A browser keeps Ctrl+W for itself; Electron's menu gets it.)
 */
export function useShortcuts(run: (command: CommandId) => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const keyDown = (event: KeyboardEvent) => {
      const command = commandFor(event);
      if (!command) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current(command);
    };
    window.addEventListener('keydown', keyDown, true);
    return () => window.removeEventListener('keydown', keyDown, true);
  }, []);
}
