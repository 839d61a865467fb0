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

describe('times', () => {
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
