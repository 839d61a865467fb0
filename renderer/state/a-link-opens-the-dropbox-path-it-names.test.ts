import { describe, expect, it } from 'vitest';
import { deepLinkPath } from './use-deep-link.ts';

describe('a link with ?open= opens the Dropbox path it names', () => {
  it('reads the path, decoded, as the secret exchange leaves it', () => {
    expect(deepLinkPath('?open=%2FNotes%2Ftodo%20list.md')).toBe('/Notes/todo list.md');
    expect(deepLinkPath('?open=/a.txt&other=1')).toBe('/a.txt');
  });

  it('opens nothing that is not an absolute Dropbox path', () => {
    expect(deepLinkPath('')).toBeNull();
    expect(deepLinkPath('?open=')).toBeNull();
    expect(deepLinkPath('?open=notes.md')).toBeNull();
    expect(deepLinkPath('?open=https://example.com/x')).toBeNull();
    expect(deepLinkPath('?open=id:abc')).toBeNull();
  });
});
