import { describe, expect, test } from 'vitest';
import { shortRev, shortRevs } from './short-revs.ts';

// localbox's revs: a 9-hex counter, then a salt fixed for the store.
const localbox = (count: number, salt = '36c0ffee') => `${count.toString(16).padStart(9, '0')}${salt}`;

const distinct = (shown: string[]) => new Set(shown).size;

describe('a rev with nothing to compare it with', () => {
  test('reads as its last 9 characters, or whole when it is no longer', () => {
    expect(shortRev('015f9a3bc0000000012345678')).toBe('012345678');
    expect(shortRev('a1b2c3')).toBe('a1b2c3');
    expect(shortRevs(['015f9a3bc0000000012345678'])('015f9a3bc0000000012345678')).toBe('012345678');
  });

  test('repeats and missing revs count as nothing to compare with', () => {
    const short = shortRevs([localbox(1), localbox(1), null, undefined]);
    expect(short(localbox(1))).toBe('136c0ffee');
  });
});

describe('localbox-like revs: a counter and a fixed salt', () => {
  test('read as the counter, padded to 7, without the salt they all end in', () => {
    const revs = [localbox(1), localbox(2), localbox(3)];
    expect(revs.map(shortRevs(revs))).toEqual(['0000001', '0000002', '0000003']);
  });

  test('the 1st and the 17th write, whose last 9 characters are the same, read apart', () => {
    const revs = Array.from({ length: 18 }, (_, index) => localbox(index + 1));
    expect(revs[0]?.slice(-9)).toBe(revs[16]?.slice(-9));
    const shown = revs.map(shortRevs(revs));
    expect(distinct(shown)).toBe(18);
    expect(shown[0]).toBe('0000001');
    expect(shown[16]).toBe('0000011');
    for (const short of shown) expect(short).toHaveLength(7);
  });
});

describe('real-Dropbox-like revs: a varying head, a tail fixed for the account', () => {
  const TAIL = '000000021e4a8950';
  const revs = ['015ee0ae6e94b0a', '015ee0ae7c2d6c8', '015ee0b01a3f5e2'].map((head) => `${head}${TAIL}`);

  test('read by the characters that differ, not by the tail every rev has', () => {
    const shown = revs.map(shortRevs(revs));
    expect(shown).toEqual(['ae6e94b0a', 'ae7c2d6c8', 'b01a3f5e2'].map((each) => each.slice(-7)));
    for (const short of shown) expect(short).not.toContain('21e4a8950');
  });

  test('revs alike in all but one character are shown to 7, and apart', () => {
    const twins = [`015ee0ae6e94b0a${TAIL}`, `015ee0ae6e94b0b${TAIL}`];
    expect(twins.map(shortRevs(twins))).toEqual(['6e94b0a', '6e94b0b']);
  });

  test('more characters, the same number for all, where 7 do not tell them apart', () => {
    const close = [`015ee0a16e94b0a${TAIL}`, `015ee0a26e94b0a${TAIL}`, `015ee0a26e94b0b${TAIL}`];
    expect(close.map(shortRevs(close))).toEqual(['16e94b0a', '26e94b0a', '26e94b0b']);
  });
});

describe('revs of equal length, and of different lengths', () => {
  test('equal-length revs sharing all but their first character read by it, padded with what follows', () => {
    const revs = ['a0000000000000', 'b0000000000000'];
    expect(revs.map(shortRevs(revs))).toEqual(['a000000', 'b000000']);
  });

  test('a rev that is the tail of a longer one is told apart from it', () => {
    const revs = ['123456789abc', 'f123456789abc'];
    const shown = revs.map(shortRevs(revs));
    expect(distinct(shown)).toBe(2);
    for (const [index, short] of shown.entries()) expect(revs[index]).toContain(short);
  });

  test('every rev shows a part of itself', () => {
    const revs = [localbox(5), `015ee0ae6e94b0a000000021e4a8950`, '123456789'];
    const short = shortRevs(revs);
    for (const rev of revs) expect(rev).toContain(short(rev));
  });
});
