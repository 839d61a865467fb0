import { describe, expect, it } from 'vitest';
import { checkTarget } from './target-name.ts';
import type { ListedEntry } from './use-folder.ts';

const folder = (name: string): ListedEntry => ({
  kind: 'folder',
  name,
  path: `/Notes/${name}`,
  pathLower: `/notes/${name.toLowerCase()}`,
});
const file = (name: string): ListedEntry => ({
  kind: 'file',
  name,
  path: `/Notes/${name}`,
  pathLower: `/notes/${name.toLowerCase()}`,
  size: 1,
  serverModified: '2024-01-01T00:00:00Z',
  rev: '0123456789',
});
const listing = [folder('Drafts'), file('magnum-opus.txt')];

describe('the name of a file about to be written', () => {
  it('is fine when nothing in the folder has it', () => {
    expect(checkTarget('/Notes', listing, 'todo.md', 'refused')).toEqual({ problem: null, note: null });
  });

  it('is refused when a folder has it, whatever the case', () => {
    expect(checkTarget('/Notes', listing, 'drafts', 'asks').problem).toMatch(/“Drafts” is a folder/);
  });

  it('is refused for an upload when a file has it, naming the Dropbox path', () => {
    expect(checkTarget('/Notes', listing, 'Magnum-Opus.txt', 'refused').problem).toBe(
      '/Notes/magnum-opus.txt already exists in Dropbox — choose another name.',
    );
  });

  it('is allowed with a note for Save As, which asks before replacing', () => {
    const check = checkTarget('/Notes', listing, 'magnum-opus.txt', 'asks');
    expect(check.problem).toBeNull();
    expect(check.note).toMatch(/asked before/);
  });

  it('carries the name problems first', () => {
    expect(checkTarget('/Notes', listing, 'a/b', 'asks').problem).toMatch(/"\/"/);
  });
});
