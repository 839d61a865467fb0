import { expect, test } from 'vitest';
import { type Figure, judge, median, percentile } from './figure.ts';
import { resultsTable } from './table.ts';

const figure = (over: Partial<Figure>): Figure => ({
  name: 'open 1 MiB through the core',
  baseline: 'raw HTTP download',
  value: 11,
  baselineValue: 10,
  unit: 'ms',
  target: { kind: 'ratio-at-most', limit: 1.15 },
  ...over,
});

test('figures are judged against their targets the way the issue states them', () => {
  expect(judge(figure({}))).toEqual({ ratio: 1.1, pass: true });
  expect(judge(figure({ value: 12 })).pass).toBe(false);
  expect(
    judge(
      figure({
        unit: 'MiB/s',
        value: 80,
        baselineValue: 100,
        target: { kind: 'throughput-ratio-at-least', limit: 0.8 },
      }),
    ),
  ).toEqual({ ratio: 0.8, pass: true });
  expect(
    judge(
      figure({
        baseline: null,
        baselineValue: null,
        value: 1,
        unit: 'requests',
        target: { kind: 'exactly', value: 1 },
      }),
    ).pass,
  ).toBe(true);
  expect(
    judge(
      figure({
        baseline: null,
        baselineValue: null,
        value: 1200,
        target: { kind: 'value-at-most', limit: 1000 },
      }),
    ).pass,
  ).toBe(false);
});

test('a figure judged by a ratio or a floor passes under either, and fails over both', () => {
  const target = { kind: 'ratio-at-most-or-under', limit: 1.2, floor: 50 } as const;
  const longest = (value: number, baselineValue: number) => judge(figure({ value, baselineValue, target }));
  expect(longest(0, 0)).toEqual({ ratio: null, pass: true });
  expect(longest(48, 0).pass).toBe(true);
  expect(longest(60, 30).pass).toBe(false);
  expect(longest(150, 130).pass).toBe(true);
  expect(longest(1434, 77)).toEqual({ ratio: 1434 / 77, pass: false });
  expect(resultsTable([figure({ value: 51, baselineValue: 0, target })])).toContain(
    '| — | ≤ max(50 ms, 1.2× baseline) | **missed** |',
  );
});

test('medians and percentiles of a handful of runs', () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
});

test('the table shows value, baseline, ratio, target and whether it was met', () => {
  const table = resultsTable([figure({}), figure({ name: 'save 1 MiB', value: 13 })]);
  expect(table.split('\n')).toEqual([
    '| figure | median | baseline (same run) | ratio | target | result | notes |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    '| open 1 MiB through the core | 11.0 ms | raw HTTP download: 10.0 ms | 1.10× | ≤ 1.15× | met |  |',
    '| save 1 MiB | 13.0 ms | raw HTTP download: 10.0 ms | 1.30× | ≤ 1.15× | **missed** |  |',
  ]);
});
