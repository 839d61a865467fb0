// The window's commands, declared once: Electron's application menu (electron/shell/menu.ts), the
// toolbar, the command palette and the page's keys (renderer/) are all built from this list, and the
// `menuCommand` event (events.ts) carries one of its ids. Plain data and pure functions (no zod, no Node,
// no DOM), so the shell and the page both load it at run time.

/**
 * A key as written here: `Mod+Shift+S`. Mod is Ctrl (Cmd on a Mac), Shift is optional, and the key is
 * one character or a function key (`F1`). Electron's accelerator, the page's matching and the text
 * shown to people are all derived from it (`accelerator`, `keyMatches`, `keyText`).
 */
export type KeyBinding = string;

/** The application menus that hold commands, by the id prefix their items carry (`dropbox.open`). */
export type MenuName = 'file' | 'dropbox' | 'view';

interface CommandSpec {
  label: string;
  /**
   * The first is the menu's accelerator and the key shown; the page answers to every one, in either
   * host. A browser keeps Mod+W and Mod+Shift+W (close its tab, its window) and never hands them to the
   * page: in the browser host those two close the browser's tab or window, and the page's beforeunload
   * asks about unsaved text; in Electron the menu has them.
   */
  keys: readonly KeyBinding[];
  /**
   * A chord as VS Code has them (`Mod+K`, then `V`): the page answers to it (use-shortcuts.ts, and in
   * the editor Monaco's own chords, renderer/markdown/use-markdown-preview.ts); Electron's menu has no
   * chords, so it shows none.
   */
  chord?: readonly [KeyBinding, KeyBinding];
  /** Where the application menu shows it; a new group starts after a separator. None: not in the menu. */
  menu: { name: MenuName; group: number } | null;
  /** Needs an open document. */
  needsDocument: boolean;
  /** Offered in the command palette. */
  inPalette: boolean;
  /** Its toolbar button: shorter words, and what the tooltip says before the key. */
  toolbar?: { label: string; hint: string };
}

const dropbox = (group: number) => ({ name: 'dropbox', group }) as const;
const file = (group: number) => ({ name: 'file', group }) as const;

// The palette lists them in this order; each menu shows its own in this order too.
const SPECS = {
  // A browser keeps Mod+N (a new window) for itself: in the browser host the palette and the welcome
  // screen's button are the way; in Electron the menu has it.
  newFile: { label: 'New File', keys: ['Mod+N'], menu: file(0), needsDocument: false, inPalette: true },
  open: {
    label: 'Open…',
    keys: ['Mod+O'],
    menu: dropbox(1),
    needsDocument: false,
    inPalette: true,
    toolbar: { label: 'Open…', hint: 'Open from Dropbox' },
  },
  // Chromium lets the page take Mod+P (print) and Mod+Shift+F; the palette has both too.
  quickOpen: {
    label: 'Quick Open…',
    keys: ['Mod+P'],
    menu: dropbox(1),
    needsDocument: false,
    inPalette: true,
  },
  findInDropbox: {
    label: 'Find in Dropbox…',
    keys: ['Mod+Shift+F'],
    menu: dropbox(1),
    needsDocument: false,
    inPalette: true,
  },
  save: {
    label: 'Save',
    keys: ['Mod+S'],
    menu: dropbox(1),
    needsDocument: true,
    inPalette: true,
    toolbar: { label: 'Save', hint: 'Save' },
  },
  saveAs: {
    label: 'Save As…',
    keys: ['Mod+Shift+S'],
    menu: dropbox(1),
    needsDocument: true,
    inPalette: true,
    toolbar: { label: 'Save As…', hint: 'Save As' },
  },
  uploadLocalFile: {
    label: 'Upload Local File…',
    keys: [],
    menu: dropbox(2),
    needsDocument: false,
    inPalette: true,
    toolbar: { label: 'Upload…', hint: 'Upload a file from this computer to Dropbox' },
  },
  downloadToComputer: {
    label: 'Download to Computer…',
    keys: [],
    menu: dropbox(2),
    needsDocument: true,
    inPalette: true,
    toolbar: { label: 'Download…', hint: 'Download this file to this computer' },
  },
  copyDropboxLink: {
    label: 'Copy Dropbox Link',
    keys: [],
    menu: dropbox(3),
    needsDocument: true,
    inPalette: true,
  },
  showInDropbox: {
    label: 'Show in Dropbox',
    keys: [],
    menu: dropbox(3),
    needsDocument: true,
    inPalette: true,
  },
  revisionHistory: {
    label: 'Revision History…',
    keys: [],
    menu: dropbox(3),
    needsDocument: true,
    inPalette: true,
    toolbar: { label: 'History…', hint: 'Revision history of this file' },
  },
  // Dropbox's conflicted copy of the open file merged into it (renderer/components/conflicted-copies.tsx).
  resolveConflictedCopy: {
    label: 'Resolve Conflicted Copy…',
    keys: [],
    menu: dropbox(3),
    needsDocument: true,
    inPalette: true,
  },
  // Ctrl/Cmd+W closes the tab (asking about unsaved changes in the window), not the whole window.
  closeTab: { label: 'Close Tab', keys: ['Mod+W'], menu: file(1), needsDocument: true, inPalette: true },
  closeAll: {
    label: 'Close All Tabs',
    keys: ['Mod+Shift+W'],
    menu: file(1),
    needsDocument: true,
    inPalette: true,
  },
  account: { label: 'Account…', keys: [], menu: dropbox(3), needsDocument: false, inPalette: true },
  // Signed out, the sign-in screen's button; signed in, the account panel.
  signIn: { label: 'Sign In', keys: [], menu: dropbox(3), needsDocument: false, inPalette: false },
  settings: { label: 'Settings…', keys: ['Mod+,'], menu: file(2), needsDocument: false, inPalette: true },
  // Beside Settings…: shell/menu.ts builds no Help items from this list.
  checkForUpdates: {
    label: 'Check for Updates…',
    keys: [],
    menu: file(2),
    needsDocument: false,
    inPalette: true,
  },
  signOut: { label: 'Sign Out', keys: [], menu: dropbox(3), needsDocument: false, inPalette: true },
  commandPalette: {
    label: 'Command Palette…',
    keys: ['Mod+Shift+P', 'F1'],
    menu: { name: 'view', group: 1 },
    needsDocument: false,
    inPalette: false,
    toolbar: { label: 'Commands', hint: '' },
  },
  togglePreview: {
    label: 'Toggle Markdown Preview',
    keys: [],
    chord: ['Mod+K', 'V'],
    menu: { name: 'view', group: 2 },
    needsDocument: true,
    inPalette: true,
  },
  /** The window is closing (or the app quitting) with unsaved tabs: ask about each, then closeWindow. */
  quit: { label: 'Quit', keys: [], menu: null, needsDocument: false, inPalette: false },
  // As VS Code has them: read the file again as another encoding, or write it in one (common/encodings.ts).
  reopenWithEncoding: {
    label: 'Reopen with Encoding…',
    keys: [],
    menu: file(3),
    needsDocument: true,
    inPalette: true,
  },
  saveWithEncoding: {
    label: 'Save with Encoding…',
    keys: [],
    menu: file(3),
    needsDocument: true,
    inPalette: true,
  },
} as const satisfies Record<string, CommandSpec>;

export type MenuCommand = keyof typeof SPECS;

export interface MenuCommandEntry extends CommandSpec {
  id: MenuCommand;
}

/** Every command id, in the list's order: the `menuCommand` event's enum. */
export const MENU_COMMANDS = Object.keys(SPECS) as [MenuCommand, ...MenuCommand[]];

export const COMMAND_LIST: readonly MenuCommandEntry[] = MENU_COMMANDS.map((id) => ({ id, ...SPECS[id] }));

export function commandEntry(id: MenuCommand): MenuCommandEntry {
  return { id, ...SPECS[id] };
}

/** A key binding taken apart. */
export interface KeyParts {
  mod: boolean;
  shift: boolean;
  /** As written: an upper-case letter, a character, or a function key. */
  key: string;
}

export function keyParts(binding: KeyBinding): KeyParts {
  const parts = /^(Mod\+)?(Shift\+)?(.+)$/.exec(binding);
  if (!parts?.[3]) throw new Error(`not a key binding: ${binding}`);
  return { mod: !!parts[1], shift: !!parts[2], key: parts[3] };
}

/** Electron's accelerator for the menu item: `CmdOrCtrl+Shift+S`. */
export function accelerator(binding: KeyBinding): string {
  const { mod, shift, key } = keyParts(binding);
  return `${mod ? 'CmdOrCtrl+' : ''}${shift ? 'Shift+' : ''}${key}`;
}

/** The key as people read it: `Ctrl+Shift+S`, or `⌘⇧S` on a Mac. */
export function keyText(binding: KeyBinding, mac: boolean): string {
  const { mod, shift, key } = keyParts(binding);
  if (mac) return `${mod ? '⌘' : ''}${shift ? '⇧' : ''}${key}`;
  return `${mod ? 'Ctrl+' : ''}${shift ? 'Shift+' : ''}${key}`;
}

/** What the page's key handler reads of a KeyboardEvent. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Whether a key press is this binding. Ctrl and Cmd both count as Mod on every system, as they did
 * before there was one list; Alt never matches, and Shift must be as written.
 */
export function keyMatches(binding: KeyBinding, press: KeyPress): boolean {
  const { mod, shift, key } = keyParts(binding);
  if (press.altKey || press.shiftKey !== shift || (press.ctrlKey || press.metaKey) !== mod) return false;
  return press.key.toLowerCase() === key.toLowerCase();
}
