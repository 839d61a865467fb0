import { expect, test } from 'vitest';
import { bytesPerKey } from './bytes-per-key.ts';

test('a whole-text note every few keys charges each key its share of the note', () => {
  const keys = [0, 10, 20, 30, 40, 50];
  const sends = [
    { at: 25, bytes: 3000 },
    { at: 55, bytes: 3030 },
  ];
  expect(bytesPerKey(keys, sends)).toEqual([1000, 1000, 1000, 1010, 1010, 1010]);
});

test('an edit sent after each key charges each key its own edit', () => {
  expect(
    bytesPerKey(
      [0, 10, 20],
      [5, 15, 25].map((at) => ({ at, bytes: 60 })),
    ),
  ).toEqual([60, 60, 60]);
});

test('a call with no key before it is carried into the next send that has keys', () => {
  const sends = [
    { at: 5, bytes: 40 },
    { at: 15, bytes: 100 },
    { at: 25, bytes: 80 },
  ];
  expect(bytesPerKey([10, 20], sends)).toEqual([140, 80]);
});

test('bytes after the last send with keys are charged to its keys, as a compaction mid-burst would be', () => {
  const sends = [
    { at: 5, bytes: 10 },
    { at: 25, bytes: 20 },
    { at: 30, bytes: 100 },
  ];
  const costs = bytesPerKey([0, 10, 20], sends);
  expect(costs).toEqual([10, 60, 60]);
  expect(costs.reduce((a, b) => a + b)).toBe(130);
});

test('keys after which nothing was sent cost nothing', () => {
  expect(bytesPerKey([0, 10, 20], [{ at: 5, bytes: 50 }])).toEqual([50, 0, 0]);
  expect(bytesPerKey([0, 10], [])).toEqual([0, 0]);
});
