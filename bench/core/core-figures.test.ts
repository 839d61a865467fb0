import { beforeAll, expect, test } from 'vitest';
import { buildCli } from '../../localbox/test-support/process.ts';
import type { BenchOptions, Figure } from '../figure.ts';
import { measureConcurrentUploads } from './concurrent-uploads.ts';
import { measureLargeUpload } from './large-upload.ts';
import { measureOpenSave } from './open-save.ts';
import { measureRequests } from './requests.ts';

// The smoke run of the Node-side figures of `npm run bench`: tiny sizes, one run, so they cannot rot.
const smoke: BenchOptions = { runs: 1, smoke: true, log: () => {} };

function expectWellFormed(figures: Figure[]): void {
  expect(figures.length).toBeGreaterThan(0);
  for (const figure of figures) {
    expect(figure.name).toMatch(/\S/);
    expect(Number.isFinite(figure.value), figure.name).toBe(true);
    if (figure.unit !== 'errors') expect(figure.value, figure.name).toBeGreaterThan(0);
    if (figure.baseline === null) expect(figure.baselineValue).toBeNull();
    else {
      expect(Number.isFinite(figure.baselineValue), figure.name).toBe(true);
      expect(figure.baselineValue, figure.name).toBeGreaterThan(0);
    }
    expect(figure.note, figure.name).toMatch(/\S/);
  }
}

beforeAll(async () => {
  await buildCli();
});

test('opening and saving through the core cost one request each', async () => {
  const figures = await measureRequests(smoke);
  expectWellFormed(figures);
  expect(figures.map((f) => [f.unit, f.value])).toEqual([
    ['requests', 1],
    ['requests', 1],
  ]);
});

test('open and save are measured next to raw HTTP of the same bytes', async () => {
  const figures = await measureOpenSave(smoke);
  expectWellFormed(figures);
  expect(figures.map((f) => f.unit)).toEqual(['ms', 'ms', 'ms', 'ms']);
  // A save says what the least conversion costs here, against what the target leaves for it; an open,
  // which decodes while the bytes arrive, what decoding alone and the transfer alone take.
  const [open, save] = figures;
  expect(save?.note).toMatch(
    /Floor: .+ takes \d+\.\d ms, (more than|within) the \d+\.\d ms that ≤ 1\.15× leaves/,
  );
  expect(open?.note).toMatch(/\(decodeText\) alone takes \d+\.\d ms/);
  expect(open?.note).toMatch(/read chunk by chunk, nothing gathered, takes \d+\.\d ms/);
});

test('a large save is measured as throughput next to the fewest raw session requests', async () => {
  const figures = await measureLargeUpload(smoke);
  expectWellFormed(figures);
  expect(figures.map((f) => f.unit)).toEqual(['MiB/s']);
  expect(figures[0]?.baseline).toContain('start 4 MiB + finish 2 MiB');
});

test('concurrent uploads to a standalone localbox all succeed', async () => {
  const figures = await measureConcurrentUploads(smoke);
  expectWellFormed(figures);
  expect(figures[0]).toMatchObject({ unit: 'errors', value: 0 });
});
