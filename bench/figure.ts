/**
 * One row of `npm run bench`: a figure users feel, measured in the same run as the baseline it is
 * divided by (the physical minimum: the same bytes over the same HTTP, or a bare page), as medians.
 */
export interface Figure {
  /** What is measured, as the table says it: "open 1 MiB through the core". */
  name: string;
  /** What it is divided by: "raw HTTP download of the same file"; null when it stands alone. */
  baseline: string | null;
  /** The figure's median, in `unit`. */
  value: number;
  /** The baseline's median, in the same unit; null when there is none. */
  baselineValue: number | null;
  unit: 'ms' | 'MiB/s' | 'requests' | 'MiB' | 'KiB' | 'errors';
  /** How the figure is judged: the ratio value/baseline (or baseline/value for throughput), or the value. */
  target: Target;
  /** Anything a reader needs: the run count, p50/p99, which of the runs was discarded. */
  note?: string;
}

export type Target =
  | { kind: 'ratio-at-most'; limit: number }
  | { kind: 'throughput-ratio-at-least'; limit: number }
  | { kind: 'value-at-most'; limit: number }
  /** value/baseline at most `limit`, or the value at most `floor` ("no long task the bare page lacks"). */
  | { kind: 'ratio-at-most-or-under'; limit: number; floor: number }
  | { kind: 'exactly'; value: number };

export interface BenchOptions {
  /** Runs per figure (the median is taken); the smoke run in npm test uses 1. */
  runs: number;
  /** The smoke run: tiny sizes, one run, so the benchmark cannot rot without costing minutes. */
  smoke: boolean;
  log(line: string): void;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

/** The ratio the target judges, and whether it is met. */
export function judge(figure: Figure): { ratio: number | null; pass: boolean } {
  const { target, value, baselineValue } = figure;
  switch (target.kind) {
    case 'ratio-at-most': {
      const ratio = baselineValue ? value / baselineValue : null;
      return { ratio, pass: ratio !== null && ratio <= target.limit };
    }
    case 'throughput-ratio-at-least': {
      const ratio = baselineValue ? value / baselineValue : null;
      return { ratio, pass: ratio !== null && ratio >= target.limit };
    }
    case 'value-at-most':
      return { ratio: null, pass: value <= target.limit };
    case 'ratio-at-most-or-under':
      return {
        ratio: baselineValue ? value / baselineValue : null,
        pass: value <= Math.max(target.floor, target.limit * (baselineValue ?? 0)),
      };
    case 'exactly':
      return { ratio: null, pass: value === target.value };
  }
}
