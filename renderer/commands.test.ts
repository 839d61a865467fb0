import { describe, expect, it } from 'vitest';
import { COMMANDS, matchCommands } from './commands.ts';

const labels = (query: string) => matchCommands(query).map((entry) => entry.label);

describe('the command palette finds commands the way people type them', () => {
  it('lists every command for an empty query', () => {
    expect(labels('  ')).toHaveLength(COMMANDS.length);
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
