import {
  COMMAND_LIST,
  commandEntry,
  keyText,
  type MenuCommand,
  type MenuCommandEntry,
} from '../electron/common/menu-commands.ts';

// The list itself is electron/common/menu-commands.ts, shared with Electron's menu; this is the
// page's view of it: the palette's commands and keys as this system writes them.
export type CommandId = MenuCommand;
export type CommandEntry = MenuCommandEntry;

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** The command's key as people on this system read it (`Ctrl+Shift+S`, `⌘⇧S`), if it has one. */
export function shortcutOf(command: CommandId | CommandEntry): string | undefined {
  const entry = typeof command === 'string' ? commandEntry(command) : command;
  const key = entry.keys[0];
  if (!key && entry.chord) return entry.chord.map((part) => keyText(part, isMac)).join(' ');
  return key ? keyText(key, isMac) : undefined;
}

export const PALETTE_COMMANDS: readonly CommandEntry[] = COMMAND_LIST.filter((entry) => entry.inPalette);

/**
 * The commands whose every word starts somewhere in the label, best matches first: "rev hi" finds
 * Revision History, "sa" finds Save before Save As.
 */
export function matchCommands(
  query: string,
  commands: readonly CommandEntry[] = PALETTE_COMMANDS,
): CommandEntry[] {
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
