import { describe, expect, test } from 'vitest';
import {
  baseName,
  encodingLabel,
  formatModified,
  formatRevisionTime,
  formatSize,
  formatSpace,
  lineEndingLabel,
  parentFolder,
  percentOf,
  shortRev,
  shortRevs,
} from './format.ts';

describe('sizes', () => {
  test('small files count bytes, larger ones use KB, MB and GB', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
    expect(formatSize(1024)).toBe('1.0 KB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(150 * 1024 * 1024)).toBe('150 MB');
    expect(formatSize(2 * 1024 ** 3)).toBe('2.0 GB');
  });

  test('the account panel says how much of the space is used', () => {
    expect(formatSpace(1.5 * 1024 ** 3, 2 * 1024 ** 3)).toBe('1.5 GB of 2.0 GB used');
    expect(formatSpace(512, 0)).toBe('512 B used');
  });

  test('a transfer reaches 100 % only when the last byte is sent', () => {
    expect(percentOf(42, 100)).toBe(42);
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(1000, 1000)).toBe(100);
    expect(percentOf(5, 0)).toBe(0);
  });
});

describe('times and revisions', () => {
  test("a file changed today shows only the time; another day's shows the date", () => {
    const now = new Date(2024, 4, 17, 15, 0);
    expect(formatModified(new Date(2024, 4, 17, 9, 30).toISOString(), now)).toMatch(/^Today /);
    const older = formatModified(new Date(2023, 0, 2, 9, 30).toISOString(), now);
    expect(older).not.toMatch(/^Today/);
    expect(older).toMatch(/2023/);
  });

  test('a date Opus cannot read shows nothing rather than "Invalid Date"', () => {
    expect(formatModified('not a date')).toBe('');
    expect(formatRevisionTime('not a date')).toBe('');
  });

  test("a revision's time reads to the second, so saves a minute apart differ", () => {
    const now = new Date(2024, 4, 17, 15, 0);
    const first = formatRevisionTime(new Date(2024, 4, 17, 9, 30, 5).toISOString(), now);
    const second = formatRevisionTime(new Date(2024, 4, 17, 9, 30, 41).toISOString(), now);
    expect(first).toMatch(/^Today .*05/);
    expect(second).toMatch(/41/);
    expect(first).not.toBe(second);
    expect(formatRevisionTime(new Date(2023, 0, 2, 9, 30, 7).toISOString(), now)).toMatch(/2023.*07/);
  });

  test('a rev seen alone reads as its last 9 characters, or whole when it is no longer', () => {
    expect(shortRev('015f9a3bc0000000012345678')).toBe('012345678');
    expect(shortRev('a1b2c3')).toBe('a1b2c3');
  });

  test('a single rev in a list reads as it does alone', () => {
    const short = shortRevs(['015f9a3bc0000000012345678']);
    expect(short('015f9a3bc0000000012345678')).toBe('012345678');
  });

  test('revs whose last 9 characters differ keep 9', () => {
    const revs = ['00000000136c0ffee', '00000000236c0ffee'];
    const short = shortRevs(revs);
    expect(revs.map(short)).toEqual(['136c0ffee', '236c0ffee']);
  });

  test('revs whose tails collide are all shown longer, by as much as it takes to tell them apart', () => {
    // localbox's 1st and 17th writes: a counter, then a salt that never changes.
    const revs = ['00000001136c0ffee', '00000000136c0ffee', '00000000236c0ffee'];
    const short = shortRevs(revs);
    expect(revs.map(short)).toEqual(['1136c0ffee', '0136c0ffee', '0236c0ffee']);
    expect(new Set(revs.map(short)).size).toBe(3);
  });

  test('revs of equal length sharing all but their first character are shown whole', () => {
    const revs = ['a0000000000000', 'b0000000000000'];
    expect(revs.map(shortRevs(revs))).toEqual(revs);
  });

  test('a rev that is the tail of a longer one is told apart from it', () => {
    const revs = ['123456789abc', 'f123456789abc'];
    expect(revs.map(shortRevs(revs))).toEqual(revs);
  });

  test('repeats and missing revs do not lengthen the others; a rev not in the list reads as alone', () => {
    const short = shortRevs(['00000000136c0ffee', '00000000136c0ffee', null, undefined]);
    expect(short('00000000136c0ffee')).toBe('136c0ffee');
    expect(short('00000001136c0ffee')).toBe('136c0ffee');
  });
});

describe('paths', () => {
  test("a path's name and folder", () => {
    expect(baseName('/Notes/magnum-opus.txt')).toBe('magnum-opus.txt');
    expect(parentFolder('/Notes/magnum-opus.txt')).toBe('/Notes');
    expect(parentFolder('/magnum-opus.txt')).toBe('');
  });

  test('the root folder is called Dropbox', () => {
    expect(baseName('')).toBe('Dropbox');
  });
});

describe('the status bar names the text format', () => {
  test('a CRLF file says CRLF, an LF file says LF', () => {
    expect(lineEndingLabel('crlf')).toBe('CRLF');
    expect(lineEndingLabel('lf')).toBe('LF');
  });

  test('encodings read as editors write them, with the BOM when there is one', () => {
    expect(encodingLabel({ encoding: 'utf-8', bom: false })).toBe('UTF-8');
    expect(encodingLabel({ encoding: 'utf-8', bom: true })).toBe('UTF-8 with BOM');
    expect(encodingLabel({ encoding: 'utf-16le', bom: true })).toBe('UTF-16 LE with BOM');
    expect(encodingLabel({ encoding: 'windows-1252', bom: false })).toBe('WINDOWS-1252');
  });
});
