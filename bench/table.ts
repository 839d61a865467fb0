import { arch, cpus, platform, release, totalmem } from 'node:os';
import { type Figure, judge } from './figure.ts';

const number = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

const targetText = (figure: Figure): string => {
  const { target } = figure;
  switch (target.kind) {
    case 'ratio-at-most':
      return `≤ ${target.limit}×`;
    case 'throughput-ratio-at-least':
      return `≥ ${target.limit}× throughput`;
    case 'value-at-most':
      return `≤ ${target.limit} ${figure.unit}`;
    case 'ratio-at-most-or-under':
      return `≤ max(${target.floor} ${figure.unit}, ${target.limit}× baseline)`;
    case 'exactly':
      return `exactly ${target.value}`;
  }
};

/** The table `npm run bench` prints and writes to bench/results.md: one row per figure, judged. */
export function resultsTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const { ratio, pass } = judge(figure);
    return [
      figure.name,
      `${number(figure.value)} ${figure.unit}`,
      figure.baseline
        ? `${figure.baseline}: ${number(figure.baselineValue ?? Number.NaN)} ${figure.unit}`
        : '—',
      ratio === null ? '—' : `${ratio.toFixed(2)}×`,
      targetText(figure),
      pass ? 'met' : '**missed**',
      figure.note ?? '',
    ];
  });
  const header = ['figure', 'median', 'baseline (same run)', 'ratio', 'target', 'result', 'notes'];
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Which machine and when: ratios travel between machines, absolute times do not. */
export function machineLine(now: Date, chromium: string | null): string {
  const cpu = cpus();
  return [
    `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `${platform()} ${release()} ${arch()}`,
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
    `${Math.round(totalmem() / 2 ** 30)} GiB`,
    `Node ${process.versions.node}`,
    ...(chromium ? [`Chromium ${chromium}`] : []),
  ].join(' · ');
}
