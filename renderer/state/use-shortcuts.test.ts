import { describe, expect, test } from 'vitest';
import { COMMAND_LIST, type KeyPress, keyParts } from '../../electron/common/menu-commands.ts';
import { commandForKey } from './use-shortcuts.ts';

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
    expect(commandForKey(press('Mod+P'))).toBeNull();
    expect(commandForKey({ ...press('Mod+S'), altKey: true })).toBeNull();
    expect(commandForKey(press('S'))).toBeNull();
  });

  test('a screen that answers to some commands leaves the other keys to the browser', () => {
    expect(commandForKey(press('Mod+,'), ['signIn', 'settings'])).toBe('settings');
    expect(commandForKey(press('Mod+S'), ['signIn', 'settings'])).toBeNull();
  });
});
