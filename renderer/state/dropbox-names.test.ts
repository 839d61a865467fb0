import { describe, expect, it } from 'vitest';
import { freeName, joinPath, localFileName, nameProblem, pathProblem, stemLength } from './dropbox-names.ts';

describe('a name typed into a dialog', () => {
  it('is refused when empty, with a slash, a dot entry or too long', () => {
    expect(nameProblem('')).toMatch(/Type a name/);
    expect(nameProblem('   ')).toMatch(/Type a name/);
    expect(nameProblem('a/b.txt')).toMatch(/"\/"/);
    expect(nameProblem('.')).toMatch(/not a name/);
    expect(nameProblem('..')).toMatch(/not a name/);
    expect(nameProblem('x'.repeat(256))).toMatch(/255/);
  });

  it('is accepted otherwise, dots, spaces and non-ASCII included', () => {
    for (const name of ['magnum-opus.txt', '.bashrc', '...', 'Notes 2024', 'Ünïcødé ✓.md', 'x'.repeat(255)]) {
      expect(nameProblem(name)).toBeNull();
    }
  });

  it('joins to a Dropbox path from the root or a folder', () => {
    expect(joinPath('', 'magnum-opus.txt')).toBe('/magnum-opus.txt');
    expect(joinPath('/Notes', 'todo.md')).toBe('/Notes/todo.md');
  });

  it('is refused when the whole path passes the contract limit', () => {
    const deep = `/${'d'.repeat(900)}`; // 901 + "/" + name
    expect(pathProblem(deep, 'x'.repeat(98))).toBeNull();
    expect(pathProblem(deep, 'x'.repeat(99))).toMatch(/longer/);
  });
});

describe('the part of a name selected for retyping', () => {
  it('stops before the extension', () => {
    expect(stemLength('magnum-opus.txt')).toBe('magnum-opus'.length);
    expect(stemLength('archive.tar.gz')).toBe('archive.tar'.length);
  });

  it('is the whole name for dotfiles and names without an extension', () => {
    expect(stemLength('.bashrc')).toBe('.bashrc'.length);
    expect(stemLength('README')).toBe('README'.length);
  });
});

describe('a free name next to existing ones', () => {
  it('is the name itself when nothing has it', () => {
    expect(freeName('New folder', ['Notes'])).toBe('New folder');
  });

  it('counts up as Dropbox autorename does, ignoring case', () => {
    expect(freeName('New folder', ['new FOLDER', 'New folder (1)'])).toBe('New folder (2)');
    expect(freeName('working-draft.txt', ['Working-Draft.txt'])).toBe('working-draft (1).txt');
    expect(freeName('.bashrc', ['.bashrc'])).toBe('.bashrc (1)');
  });
});

describe('a local file name', () => {
  it('comes from POSIX and Windows paths', () => {
    expect(localFileName('/home/ada/working-draft.txt')).toBe('working-draft.txt');
    expect(localFileName('C:\\Users\\ada\\working-draft.txt')).toBe('working-draft.txt');
    expect(localFileName('plain.txt')).toBe('plain.txt');
  });
});
