import { expect, test } from 'vitest';
import { spaceMeter } from './space-meter.ts';

const GB = 1024 ** 3;

test('the meter fills with the space used and is read out in words and percent', () => {
  expect(spaceMeter(1.5 * GB, 2 * GB)).toEqual({
    max: 2 * GB,
    low: 2 * GB * 0.8,
    high: 2 * GB * 0.95,
    value: 1.5 * GB,
    text: '1.5 GB of 2.0 GB used (75 %)',
  });
});

test('it warns from 80 % of the space and alarms from 95 %', () => {
  const meter = spaceMeter(0, 100 * GB);
  expect(meter?.low).toBe(80 * GB);
  expect(meter?.high).toBe(95 * GB);
});

test('an account over its space shows a full meter, and says 100 %', () => {
  const meter = spaceMeter(3 * GB, 2 * GB);
  expect(meter?.value).toBe(2 * GB);
  expect(meter?.text).toBe('3.0 GB of 2.0 GB used (100 %)');
});

test('a space of unknown size (a team space) shows no meter', () => {
  expect(spaceMeter(512, 0)).toBeNull();
});
