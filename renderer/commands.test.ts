import { describe, expect, it } from 'vitest';
import { COMMAND_LIST, keyText } from '../electron/common/menu-commands.ts';
import { matchCommands, PALETTE_COMMANDS } from './commands.ts';

const labels = (query: string) => matchCommands(query).map((entry) => entry.label);

describe('the command palette finds commands the way people type them', () => {
  it('lists every command for an empty query', () => {
    expect(labels('  ')).toHaveLength(PALETTE_COMMANDS.length);
  });

  it('matches word starts in any order of strength: "sa" puts Save before Save As', () => {
    expect(labels('sa').slice(0, 2)).toEqual(['Save', 'Save As…']);
  });

  it('matches several words against several word starts', () => {
    expect(labels('rev hi')).toEqual(['Revision History…']);
    expect(labels('down comp')).toEqual(['Download to Computer…']);
  });

  it('finds nothing for words in no label', () => {
    expect(labels('print')).toEqual([]);
  });

  it('ignores case', () => {
    expect(labels('UPLOAD')).toEqual(['Upload Local File…']);
  });
});

describe('the palette and the shown keys come from the one list of commands', () => {
  it('offers every command but signing in, the palette itself and quitting', () => {
    const offered = new Set(PALETTE_COMMANDS.map((entry) => entry.id));
    const left = COMMAND_LIST.filter((entry) => !offered.has(entry.id)).map((entry) => entry.id);
    expect(left).toEqual(['signIn', 'commandPalette', 'quit']);
  });

  it('writes a key as Ctrl+… off a Mac and with ⌘ ⇧ on one', () => {
    expect(keyText('Mod+Shift+S', false)).toBe('Ctrl+Shift+S');
    expect(keyText('Mod+Shift+S', true)).toBe('⌘⇧S');
    expect(keyText('Mod+,', false)).toBe('Ctrl+,');
    expect(keyText('F1', true)).toBe('F1');
  });
});
