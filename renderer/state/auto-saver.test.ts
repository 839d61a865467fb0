import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { AutoSaveVerdict } from './auto-save-policy.ts';
import { AutoSaver } from './auto-saver.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A document the policy lets save unless told otherwise; each save answers when `answer()` is called. */
function bench(delayMs: number | null = 1000) {
  let verdict: AutoSaveVerdict | null = { save: true };
  const answers: (() => void)[] = [];
  const save = vi.fn(
    () =>
      new Promise<void>((resolve) => {
        answers.push(resolve);
      }),
  );
  const saver = new AutoSaver({ verdict: () => verdict, save, delayMs });
  return {
    saver,
    save,
    setVerdict: (next: AutoSaveVerdict | null) => {
      verdict = next;
    },
    answer: async () => {
      answers.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

test('typing with short gaps makes one save, a pause after the last key', () => {
  const { saver, save } = bench();
  for (let key = 0; key < 10; key++) {
    saver.edited('d');
    vi.advanceTimersByTime(300);
  }
  expect(save).not.toHaveBeenCalled();
  vi.advanceTimersByTime(700);
  expect(save).toHaveBeenCalledTimes(1);
  vi.advanceTimersByTime(10_000);
  expect(save).toHaveBeenCalledTimes(1);
});

test('edits made while a save is on its way are saved by one more save after it answers', async () => {
  const { saver, save, answer } = bench();
  saver.edited('d');
  vi.advanceTimersByTime(1000);
  saver.edited('d');
  vi.advanceTimersByTime(1000);
  // The pause ended with the first save still out: no second save overtakes it.
  expect(save).toHaveBeenCalledTimes(1);
  await answer();
  expect(save).toHaveBeenCalledTimes(1);
  vi.advanceTimersByTime(1000);
  expect(save).toHaveBeenCalledTimes(2);
});

test('a document the policy holds is not saved, and one that is gone is let go', () => {
  const { saver, save, setVerdict } = bench();
  setVerdict({ save: false, hold: 'conflict' });
  saver.edited('d');
  vi.advanceTimersByTime(5000);
  setVerdict(null);
  saver.edited('d');
  vi.advanceTimersByTime(5000);
  expect(save).not.toHaveBeenCalled();
});

test('behind a save by hand it asks again after another pause', () => {
  const { saver, save, setVerdict } = bench();
  setVerdict({ save: false, hold: 'saving' });
  saver.edited('d');
  vi.advanceTimersByTime(1000);
  setVerdict({ save: true });
  vi.advanceTimersByTime(1000);
  expect(save).toHaveBeenCalledTimes(1);
});

test('on focus loss only, edits alone never save; an attempt does', () => {
  const { saver, save } = bench(null);
  saver.edited('d');
  vi.advanceTimersByTime(60_000);
  expect(save).not.toHaveBeenCalled();
  saver.attempt('d');
  saver.attempt('d');
  expect(save).toHaveBeenCalledTimes(1);
});

test('stopping it drops the pauses under way', () => {
  const { saver, save } = bench();
  saver.edited('d');
  saver.stop();
  vi.advanceTimersByTime(5000);
  expect(save).not.toHaveBeenCalled();
});
