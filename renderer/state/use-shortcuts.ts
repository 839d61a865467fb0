import { useEffect, useRef } from 'react';
import { COMMAND_LIST, type KeyPress, keyMatches } from '../../electron/common/menu-commands.ts';
import type { CommandId } from '../commands.ts';

/**
 * The command a key press asks for, among `only` (every listed command when absent). The keys are the
 * list's, the same Electron's menu has as accelerators.
 */
export function commandForKey(press: KeyPress, only?: readonly CommandId[]): CommandId | null {
  for (const entry of COMMAND_LIST) {
    if (only && !only.includes(entry.id)) continue;
    if (entry.keys.some((key) => keyMatches(key, press))) return entry.id;
  }
  return null;
}

/**
 * A chord's part: `started` null, whether the press starts a chord; `started` its first key, the command
 * the press completes. The editor's own key presses are left to Monaco, which has chords of its own.
 */
export function chordForKey(press: KeyPress, started: string | null): { first: string } | CommandId | null {
  for (const { id, chord } of COMMAND_LIST) {
    if (!chord) continue;
    if (started === null && keyMatches(chord[0], press)) return { first: chord[0] };
    if (started === chord[0] && keyMatches(chord[1], press)) return id;
  }
  return null;
}

/**
 * Listened for in the capture phase, so the keys work whether Monaco or the page has the focus, and the
 * browser's own "save page" never shows. A key the page takes is not the menu's too: Electron runs a
 * menu accelerator only for a key press the page did not prevent. `only`: the commands this screen answers to;
 * other keys stay the browser's.
 */
export function useShortcuts(run: (command: CommandId) => void, only?: readonly CommandId[]): void {
  const latest = useRef({ run, only });
  latest.current = { run, only };
  useEffect(() => {
    let chordStarted: string | null = null;
    const keyDown = (event: KeyboardEvent) => {
      const inEditor = event.target instanceof Element && !!event.target.closest('.monaco-editor');
      const chord = inEditor || latest.current.only ? null : chordForKey(event, chordStarted);
      if (!['Control', 'Meta', 'Shift', 'Alt'].includes(event.key)) chordStarted = null;
      if (chord) {
        event.preventDefault();
        event.stopPropagation();
        if (typeof chord === 'object') chordStarted = chord.first;
        else latest.current.run(chord);
        return;
      }
      const command = commandForKey(event, latest.current.only);
      if (!command) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current.run(command);
    };
    window.addEventListener('keydown', keyDown, true);
    return () => window.removeEventListener('keydown', keyDown, true);
  }, []);
}
