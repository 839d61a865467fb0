import { describe, expect, test } from 'vitest';
import { isConflictedCopyOf, parseConflictedCopyName } from './copy-name.ts';

describe('the names Dropbox gives conflicted copies', () => {
  test("today's desktop client names the device and the day", () => {
    expect(parseConflictedCopyName("magnum-opus (Work laptop's conflicted copy 2026-11-30).txt")).toEqual({
      original: 'magnum-opus.txt',
      who: 'Work laptop',
      date: '2026-11-30',
      number: null,
    });
  });

  test('a second copy the same day carries its number, in parentheses or not', () => {
    expect(parseConflictedCopyName("notes (DESKTOP-UMS014A's conflicted copy 2019-04-24 (1)).md")).toEqual({
      original: 'notes.md',
      who: 'DESKTOP-UMS014A',
      date: '2019-04-24',
      number: 1,
    });
    expect(parseConflictedCopyName("notes (Ada's conflicted copy 2026-11-30 2).md")?.number).toBe(2);
  });

  test('older clients name the person, and the oldest give no date', () => {
    expect(parseConflictedCopyName("INBOX (michael johnson's conflicted copy).taskpaper")).toEqual({
      original: 'INBOX.taskpaper',
      who: 'michael johnson',
      date: null,
      number: null,
    });
  });

  test('a typographic apostrophe, another case and no device at all are copies too', () => {
    expect(parseConflictedCopyName('draft (Ada’s MacBook Pro’s conflicted copy 2026-01-02).txt')?.who).toBe(
      'Ada’s MacBook Pro',
    );
    expect(parseConflictedCopyName("draft (Ada's Conflicted Copy 2026-01-02).txt")?.original).toBe(
      'draft.txt',
    );
    expect(parseConflictedCopyName('draft (conflicted copy 2026-01-02).txt')).toMatchObject({
      original: 'draft.txt',
      who: null,
    });
  });

  test('the marker sits before the last extension, or at the end of a name without one', () => {
    expect(
      parseConflictedCopyName("shopping history.xlsx (DESKTOP-1's conflicted copy 2019-04-24).7z")?.original,
    ).toBe('shopping history.xlsx.7z');
    expect(parseConflictedCopyName("README (Work laptop's conflicted copy 2026-11-30)")?.original).toBe(
      'README',
    );
    expect(parseConflictedCopyName("todo (Mr. Smith's conflicted copy 2026-11-30)")).toMatchObject({
      original: 'todo',
      who: 'Mr. Smith',
    });
  });

  test('names that only look alike are not copies', () => {
    for (const name of [
      'magnum-opus.txt',
      'Git handbook (Conflict resolution chapter).txt',
      "magnum-opus (Work laptop's copy 2026-11-30).txt",
      'magnum-opus (Case Conflict).txt',
      'magnum-opus (Selective Sync Conflict).txt',
      "(Work laptop's conflicted copy 2026-11-30).txt",
      "magnum-opus (Work laptop's conflicted copy 2026-11-30) final.txt",
    ])
      expect(parseConflictedCopyName(name), name).toBeNull();
  });

  test('a copy belongs to the original of the same name, whatever its case', () => {
    const copy = "Magnum-Opus (Work laptop's conflicted copy 2026-11-30).txt";
    expect(isConflictedCopyOf(copy, 'magnum-opus.txt')).toBe(true);
    expect(isConflictedCopyOf(copy, 'magnum-opus.md')).toBe(false);
    expect(isConflictedCopyOf(copy, 'opus.txt')).toBe(false);
  });
});
