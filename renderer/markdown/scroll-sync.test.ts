import { describe, expect, test } from 'vitest';
import { lineForTop, topForLine } from './scroll-sync.ts';

const ANCHORS = [
  { line: 1, top: 0 },
  { line: 5, top: 100 },
  { line: 9, top: 300 },
  { line: 20, top: 400 },
];

describe('the editor and the preview in step', () => {
  test('a block’s first line is at its top, and lines between blocks by proportion', () => {
    expect(topForLine(ANCHORS, 5)).toBe(100);
    expect(topForLine(ANCHORS, 7)).toBe(200);
    expect(topForLine(ANCHORS, 3)).toBe(50);
  });

  test('the way back gives the same line', () => {
    for (const line of [1, 2.5, 5, 7, 12, 19])
      expect(lineForTop(ANCHORS, topForLine(ANCHORS, line))).toBeCloseTo(line);
  });

  test('before the first block and past the last one stay at the ends', () => {
    expect(topForLine(ANCHORS, 0)).toBe(0);
    expect(topForLine(ANCHORS, 99)).toBe(400);
    expect(lineForTop(ANCHORS, 1000)).toBe(20);
    expect(topForLine([], 3)).toBe(0);
    expect(lineForTop([], 30)).toBe(1);
  });
});
