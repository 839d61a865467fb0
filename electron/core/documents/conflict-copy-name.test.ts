import { describe, expect, test } from 'vitest';
import { conflictCopyName, conflictedCopyPath, nextFreeName } from './conflict-copy-name.ts';

// Constructed from local parts, so the expected date holds in every time zone.
const lateEvening = new Date(2026, 10, 27, 23, 59);

describe("Dropbox's conflicted-copy naming", () => {
  test('the name goes before the extension, with the local date', () => {
    expect(conflictCopyName('/Notes/magnum-opus.txt', 'Ada', lateEvening)).toBe(
      "/Notes/magnum-opus (Ada's conflicted copy 2026-11-27).txt",
    );
    expect(conflictCopyName('/magnum-opus.txt', 'Ada Lovelace', new Date(2027, 0, 5))).toBe(
      "/magnum-opus (Ada Lovelace's conflicted copy 2027-01-05).txt",
    );
  });

  test('dotfiles and names without an extension get the suffix at the end', () => {
    expect(conflictCopyName('/.bashrc', 'Ada', lateEvening)).toBe(
      "/.bashrc (Ada's conflicted copy 2026-11-27)",
    );
    expect(conflictCopyName('/Notes/README', 'Ada', lateEvening)).toBe(
      "/Notes/README (Ada's conflicted copy 2026-11-27)",
    );
    expect(conflictCopyName('/Notes/draft.', 'Ada', lateEvening)).toBe(
      "/Notes/draft. (Ada's conflicted copy 2026-11-27)",
    );
    expect(conflictCopyName('/Notes/v2. final draft', 'Ada', lateEvening)).toBe(
      "/Notes/v2. final draft (Ada's conflicted copy 2026-11-27)",
    );
  });

  test('only the last extension moves behind the suffix, and dotted folders are left alone', () => {
    expect(conflictCopyName('/a.b/archive.tar.gz', 'Ada', lateEvening)).toBe(
      "/a.b/archive.tar (Ada's conflicted copy 2026-11-27).gz",
    );
    expect(conflictCopyName('/a.b/c', 'Ada', lateEvening)).toBe("/a.b/c (Ada's conflicted copy 2026-11-27)");
  });

  test('a slash in the account name cannot create a folder', () => {
    expect(conflictCopyName('/x.md', 'Ada/Byron', lateEvening)).toBe(
      "/x (Ada-Byron's conflicted copy 2026-11-27).md",
    );
    expect(conflictCopyName('/x.md', '  ', lateEvening)).toBe("/x (Opus's conflicted copy 2026-11-27).md");
  });

  test('a name that would pass 255 characters is shortened on the stem, never mid-character', () => {
    const long = `/Notes/xxx${'😀'.repeat(150)}.txt`;
    const copy = conflictCopyName(long, 'Ada', lateEvening);
    const name = copy.slice('/Notes/'.length);
    expect(name.length).toBeLessThanOrEqual(255);
    expect(name.endsWith(" (Ada's conflicted copy 2026-11-27).txt")).toBe(true);
    // 216 code units are left for the stem; the 216th would be half an emoji, so it goes too.
    expect(name.length).toBe(254);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(name)).toBe(false);
  });
});

describe('nextFreeName', () => {
  test('returns the candidate when it is free', async () => {
    expect(await nextFreeName("/a (Ada's conflicted copy 2026-11-27).txt", () => false)).toBe(
      "/a (Ada's conflicted copy 2026-11-27).txt",
    );
  });

  test('numbers inside the parentheses, as Dropbox does', async () => {
    const taken = new Set([
      "/a (Ada's conflicted copy 2026-11-27).txt",
      "/a (Ada's conflicted copy 2026-11-27 2).txt",
    ]);
    expect(
      await nextFreeName("/a (Ada's conflicted copy 2026-11-27).txt", async (path) => taken.has(path)),
    ).toBe("/a (Ada's conflicted copy 2026-11-27 3).txt");
  });

  test('names without parentheses get a number of their own', async () => {
    expect(await nextFreeName('/plain.txt', (path) => path === '/plain.txt')).toBe('/plain (2).txt');
  });

  test('a numbered name still fits in 255 characters', async () => {
    const candidate = conflictCopyName(`/${'n'.repeat(300)}.txt`, 'Ada', lateEvening);
    expect(candidate.length - 1).toBe(255);
    const next = await nextFreeName(candidate, (path) => path === candidate);
    expect(next.length - 1).toBe(255);
    expect(next.endsWith(" (Ada's conflicted copy 2026-11-27 2).txt")).toBe(true);
  });

  test('conflictedCopyPath names and de-duplicates in one step', async () => {
    const taken = (path: string) => path === "/Notes/magnum-opus (Ada's conflicted copy 2026-11-27).txt";
    expect(await conflictedCopyPath('/Notes/magnum-opus.txt', 'Ada', lateEvening, taken)).toBe(
      "/Notes/magnum-opus (Ada's conflicted copy 2026-11-27 2).txt",
    );
  });
});
