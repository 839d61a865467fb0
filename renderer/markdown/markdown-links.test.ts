import { describe, expect, test } from 'vitest';
import { resolveLink } from './markdown-links.ts';

const DOC = '/journal/2026/today.md';

describe('links in a Markdown document', () => {
  test('a relative path is a Dropbox file beside the document, or above it', () => {
    expect(resolveLink('a.md', DOC)).toEqual({ kind: 'dropbox', path: '/journal/2026/a.md', fragment: '' });
    expect(resolveLink('./pics/cat.png', DOC)).toMatchObject({ path: '/journal/2026/pics/cat.png' });
    expect(resolveLink('../notes/a.md', DOC)).toMatchObject({ kind: 'dropbox', path: '/journal/notes/a.md' });
    expect(resolveLink('../../../../a.md', DOC)).toMatchObject({ path: '/a.md' });
  });

  test('a leading slash is the Dropbox root, and escapes and fragments are read', () => {
    expect(resolveLink('/notes/b.md', DOC)).toMatchObject({ kind: 'dropbox', path: '/notes/b.md' });
    expect(resolveLink('my%20notes.md#next-steps', DOC)).toEqual({
      kind: 'dropbox',
      path: '/journal/2026/my notes.md',
      fragment: 'next-steps',
    });
    expect(resolveLink('b.md?raw=1', DOC)).toMatchObject({ path: '/journal/2026/b.md' });
  });

  test('an untitled document resolves against the root', () => {
    expect(resolveLink('a.md', '')).toMatchObject({ kind: 'dropbox', path: '/a.md' });
  });

  test('a fragment alone is a place in the document', () => {
    expect(resolveLink('#next-steps', DOC)).toEqual({ kind: 'anchor', fragment: 'next-steps' });
  });

  test('the web is the web, and only images are data', () => {
    expect(resolveLink('https://example.com/a.png', DOC)).toEqual({
      kind: 'web',
      url: 'https://example.com/a.png',
    });
    expect(resolveLink('//example.com/a.png', DOC)).toEqual({
      kind: 'web',
      url: 'https://example.com/a.png',
    });
    expect(resolveLink('data:image/png;base64,AAAA', DOC)).toMatchObject({ kind: 'data' });
    expect(resolveLink('data:text/html,<script>', DOC)).toEqual({ kind: 'none' });
  });

  test('other schemes and broken escapes lead nowhere', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:x',
      'file:///etc/passwd',
      'blob:x',
      'a%zz.md',
      '',
    ])
      expect(resolveLink(href, DOC), href).toEqual({ kind: 'none' });
  });
});
