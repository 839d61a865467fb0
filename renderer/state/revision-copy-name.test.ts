import { describe, expect, it } from 'vitest';
import { isFileName, revisionCopyName } from './revision-copy-name.ts';

describe('a revision opened as a new document is named after its rev', () => {
  it('puts the rev before the extension', () => {
    expect(revisionCopyName('essay.txt', '1a2b3c4d5')).toBe('essay (rev 1a2b3c4d5).txt');
    expect(revisionCopyName('archive.tar.gz', 'abc')).toBe('archive.tar (rev abc).gz');
  });

  it('keeps names without a real extension whole', () => {
    expect(revisionCopyName('README', 'abc')).toBe('README (rev abc)');
    expect(revisionCopyName('.bashrc', 'abc')).toBe('.bashrc (rev abc)');
    expect(revisionCopyName('notes.v2 final draft', 'abc')).toBe('notes.v2 final draft (rev abc)');
  });

  it('accepts one path segment only', () => {
    expect(isFileName('essay (rev abc).txt')).toBe(true);
    expect(isFileName('  ')).toBe(false);
    expect(isFileName('..')).toBe(false);
    expect(isFileName('sub/essay.txt')).toBe(false);
    expect(isFileName('back\\slash.txt')).toBe(false);
  });
});
