import { expect, test } from 'vitest';
import { dropboxPageUrl } from './dropbox-pages.ts';

const dropbox = { appKey: 'k' };

test("a file's page on dropbox.com is its folder's, previewing it", () => {
  expect(dropboxPageUrl(dropbox, '/Notes/Drafts/magnum-opus.txt')).toBe(
    'https://www.dropbox.com/home/Notes/Drafts?preview=magnum-opus.txt',
  );
  expect(dropboxPageUrl(dropbox, '/magnum-opus.txt')).toBe(
    'https://www.dropbox.com/home?preview=magnum-opus.txt',
  );
});

test('names with spaces, ?, # and % stay names', () => {
  expect(dropboxPageUrl(dropbox, '/A & B?/50% #1.md')).toBe(
    'https://www.dropbox.com/home/A%20%26%20B%3F?preview=50%25%20%231.md',
  );
});

test("with localbox, localbox's own page of the same shape", () => {
  expect(dropboxPageUrl({ appKey: 'k', origin: 'http://127.0.0.1:8765' }, '/Notes/a.txt')).toBe(
    'http://127.0.0.1:8765/home/Notes?preview=a.txt',
  );
});
