import { describe, expect, test } from 'vitest';
import {
  applyProgress,
  dropStale,
  forgetDocument,
  NO_TRANSFERS,
  nextChangeAt,
  SHOW_AFTER_MS,
  STALE_AFTER_MS,
  type Transfers,
  transferFor,
} from './transfers.ts';

const MB = 1024 * 1024;
const upload = (sent: number, total = 100 * MB, transferId = 'save-d1', documentId = 'd1') => ({
  transferId,
  documentId,
  direction: 'upload' as const,
  sent,
  total,
});

const progressOf = (steps: [at: number, progress: ReturnType<typeof upload>][]): Transfers =>
  steps.reduce((transfers, [at, progress]) => applyProgress(transfers, progress, at), NO_TRANSFERS);

describe('a save that takes a while', () => {
  test('shows nothing in its first second, so quick saves do not flicker', () => {
    const transfers = progressOf([[0, upload(8 * MB)]]);
    expect(transferFor(transfers, 'd1', SHOW_AFTER_MS - 1)).toBeNull();
  });

  test('shows its percent once it has lasted a second', () => {
    const transfers = progressOf([
      [0, upload(8 * MB)],
      [1500, upload(42 * MB)],
    ]);
    expect(transferFor(transfers, 'd1', 1500)).toEqual({ direction: 'upload', percent: 42 });
  });

  test('disappears when the last byte is sent', () => {
    const transfers = progressOf([
      [0, upload(8 * MB)],
      [1500, upload(42 * MB)],
      [3000, upload(100 * MB)],
    ]);
    expect(transferFor(transfers, 'd1', 3000)).toBeNull();
    expect(transfers.size).toBe(0);
  });

  test('a second save with the same transfer id starts its second over', () => {
    const transfers = progressOf([
      [0, upload(8 * MB)],
      [2000, upload(100 * MB)],
      [5000, upload(8 * MB)],
    ]);
    expect(transferFor(transfers, 'd1', 5500)).toBeNull();
    expect(transferFor(transfers, 'd1', 6000)).toEqual({ direction: 'upload', percent: 8 });
  });

  test('belongs to its own document only', () => {
    const transfers = progressOf([[0, upload(8 * MB)]]);
    expect(transferFor(transfers, 'd2', 5000)).toBeNull();
  });

  test('an empty file is done before it starts', () => {
    expect(progressOf([[0, upload(0, 0)]]).size).toBe(0);
  });
});

describe('a transfer that stops reporting (it failed)', () => {
  test('is hidden and dropped once it has been silent too long', () => {
    const transfers = progressOf([[0, upload(8 * MB)]]);
    expect(transferFor(transfers, 'd1', STALE_AFTER_MS)).toBeNull();
    expect(dropStale(transfers, STALE_AFTER_MS).size).toBe(0);
  });

  test('is dropped when its document says the save is over', () => {
    const transfers = progressOf([
      [0, upload(8 * MB)],
      [0, upload(1 * MB, 10 * MB, 'save-d2', 'd2')],
    ]);
    const left = forgetDocument(transfers, 'd1');
    expect([...left.keys()]).toEqual(['save-d2']);
  });

  test('changes nothing while every transfer is live, so the view need not redraw', () => {
    const transfers = progressOf([[0, upload(8 * MB)]]);
    expect(dropStale(transfers, 1000)).toBe(transfers);
    expect(forgetDocument(transfers, 'other')).toBe(transfers);
  });
});

describe('when to look again', () => {
  test('when a new transfer would appear, then when it would go stale', () => {
    const transfers = progressOf([[100, upload(8 * MB)]]);
    expect(nextChangeAt(transfers, 100)).toBe(100 + SHOW_AFTER_MS);
    expect(nextChangeAt(transfers, 100 + SHOW_AFTER_MS)).toBe(100 + STALE_AFTER_MS);
  });

  test('never, with nothing in flight', () => {
    expect(nextChangeAt(NO_TRANSFERS, 0)).toBeNull();
  });
});

test('a download shows as a download', () => {
  const transfers = applyProgress(
    NO_TRANSFERS,
    { transferId: 'open-1', documentId: 'd1', direction: 'download', sent: 1, total: 4 },
    0,
  );
  expect(transferFor(transfers, 'd1', SHOW_AFTER_MS)).toEqual({ direction: 'download', percent: 25 });
});
