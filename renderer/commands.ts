import type { MENU_COMMANDS } from '../electron/core/contract/events.ts';

/** The Dropbox menu's commands and the window's own: one list for the menu, the palette and the keys. */
export type CommandId = (typeof MENU_COMMANDS)[number];

export interface CommandEntry {
  id: CommandId;
  label: string;
  /** As shown to people; the keys themselves are handled in use-shortcuts.ts and the Electron menu. */
  shortcut?: string;
  /** Needs an open document. */
  needsDocument: boolean;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';
const shift = isMac ? '⇧' : 'Shift+';

export const COMMANDS: readonly CommandEntry[] = [
  { id: 'open', label: 'Open…', shortcut: `${mod}O`, needsDocument: false },
  { id: 'save', label: 'Save', shortcut: `${mod}S`, needsDocument: true },
  { id: 'saveAs', label: 'Save As…', shortcut: `${mod}${shift}S`, needsDocument: true },
  { id: 'uploadLocalFile', label: 'Upload Local File…', needsDocument: false },
  { id: 'downloadToComputer', label: 'Download to Computer…', needsDocument: true },
  { id: 'revisionHistory', label: 'Revision History…', needsDocument: true },
  { id: 'closeTab', label: 'Close Tab', shortcut: isMac ? '⌘W' : 'Ctrl+W', needsDocument: true },
  { id: 'closeAll', label: 'Close All Tabs', needsDocument: true },
  { id: 'account', label: 'Account…', needsDocument: false },
  { id: 'settings', label: 'Settings…', needsDocument: false },
  { id: 'signOut', label: 'Sign Out', needsDocument: false },
];

/**
 * The commands whose every word starts somewhere in the label, best matches first: "rev hi" finds
 * Revision History, "sa" finds Save before Save As.
 */
export function matchCommands(query: string, commands: readonly CommandEntry[] = COMMANDS): CommandEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  const scored: { entry: CommandEntry; score: number }[] = [];
  for (const entry of commands) {
    const label = entry.label.toLowerCase();
    const labelWords = label.split(/[\s…]+/).filter(Boolean);
    let score = 0;
    const all = words.every((word) => {
      const at = labelWords.findIndex((labelWord) => labelWord.startsWith(word));
      if (at >= 0) {
        score += at === 0 ? 3 : 2;
        return true;
      }
      if (label.includes(word)) {
        score += 1;
        return true;
      }
      return false;
    });
    if (all) scored.push({ entry, score: score * 100 - label.length });
  }
  return scored.sort((a, b) => b.score - a.score).map(({ entry }) => entry);
}
