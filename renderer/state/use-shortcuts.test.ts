import { describe, expect, test } from 'vitest';
import { COMMAND_LIST, type KeyPress, keyParts } from '../../electron/common/menu-commands.ts';
import { shortcutOf } from '../commands.ts';
import { chordForKey, commandForKey } from './use-shortcuts.ts';

/** The key press a binding describes, as a browser reports it: Shift makes a letter upper-case. */
function press(binding: string, modifier: 'ctrlKey' | 'metaKey' = 'ctrlKey'): KeyPress {
  const { mod, shift, key } = keyParts(binding);
  return {
    key: shift ? key.toUpperCase() : key.toLowerCase(),
    ctrlKey: mod && modifier === 'ctrlKey',
    metaKey: mod && modifier === 'metaKey',
    shiftKey: shift,
    altKey: false,
  };
}

const listed = COMMAND_LIST.flatMap((entry) => entry.keys.map((key) => ({ id: entry.id, key })));

describe('the page answers to every key Electron’s menu has', () => {
  test.each(listed)('$key runs $id', ({ id, key }) => {
    expect(commandForKey(press(key))).toBe(id);
  });

  test.each(listed)('$key runs $id with Cmd as well as Ctrl', ({ id, key }) => {
    expect(commandForKey(press(key, 'metaKey'))).toBe(id);
  });

  test('close all, settings and the palette have their keys in the page too', () => {
    expect(commandForKey(press('Mod+Shift+W'))).toBe('closeAll');
    expect(commandForKey(press('Mod+,'))).toBe('settings');
    expect(commandForKey(press('Mod+Shift+P'))).toBe('commandPalette');
    expect(commandForKey(press('F1'))).toBe('commandPalette');
  });

  test('Shift must be as listed, and Alt or a bare letter is nobody’s command', () => {
    expect(commandForKey(press('Mod+S'))).toBe('save');
    expect(commandForKey(press('Mod+Shift+S'))).toBe('saveAs');
    expect(commandForKey(press('Mod+Shift+O'))).toBeNull();
    expect(commandForKey(press('Mod+P'))).toBe('quickOpen');
    expect(commandForKey(press('Mod+Shift+F'))).toBe('findInDropbox');
    expect(commandForKey({ ...press('Mod+S'), altKey: true })).toBeNull();
    expect(commandForKey(press('S'))).toBeNull();
  });

  test('a screen that answers to some commands leaves the other keys to the browser', () => {
    expect(commandForKey(press('Mod+,'), ['signIn', 'settings'])).toBe('settings');
    expect(commandForKey(press('Mod+S'), ['signIn', 'settings'])).toBeNull();
  });
});

describe('chords, as VS Code has them', () => {
  test('Ctrl+K starts the preview chord, and V then toggles the preview', () => {
    expect(chordForKey(press('Mod+K'), null)).toEqual({ first: 'Mod+K' });
    expect(chordForKey(press('V'), 'Mod+K')).toBe('togglePreview');
    expect(chordForKey(press('Mod+K', 'metaKey'), null)).toEqual({ first: 'Mod+K' });
  });

  test('V alone, or after another key, is typing and no command', () => {
    expect(chordForKey(press('V'), null)).toBeNull();
    expect(chordForKey(press('V'), 'Mod+J')).toBeNull();
    expect(chordForKey(press('Mod+V'), 'Mod+K')).toBeNull();
  });

  test('the palette shows the chord as its key', () => {
    expect(shortcutOf('togglePreview')).toMatch(/^(Ctrl\+K V|⌘K V)$/);
  });
});
