// CI's mutation run (issue 19): Stryker on the lines of the heart modules that a change touched, each
// module with its own tests, failing when a mutant of those lines survives under the threshold. A
// whole module takes minutes; the lines of one change, with their module's tests, fit the CI budget.
// The change is base..HEAD: $MUTATION_BASE, else the last commit (CI tests the newest landing).
import { execFileSync, spawnSync } from 'node:child_process';
import { HEART } from '../stryker.config.mjs';

/**
 * The `--mutate` ranges (`file:start-end`) of a `git diff -U0`'s new lines in the given modules. A
 * deletion has no new lines; the line it left its neighbours on is what a test must now notice.
 */
export function changedRanges(diff, modules) {
  const ranges = new Map();
  let file = null;
  for (const line of diff.split('\n')) {
    const named = /^\+\+\+ (?:b\/(.+)|\/dev\/null)$/.exec(line);
    if (named) file = modules.includes(named[1]) ? named[1] : null;
    const hunk = file && /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    const [from, to] = count === 0 ? [Math.max(start, 1), start + 1] : [start, start + count - 1];
    ranges.set(file, [...(ranges.get(file) ?? []), `${file}:${from}-${to}`]);
  }
  return ranges;
}

function main() {
  const base = process.env.MUTATION_BASE ?? 'HEAD~1';
  const modules = Object.keys(HEART);
  const git = (...args) => execFileSync('git', args, { encoding: 'utf8' });
  try {
    git('rev-parse', '--verify', '--quiet', `${base}^{commit}`);
  } catch {
    console.log(`mutation: no ${base} to compare with (a shallow clone?), so no mutation run`);
    return 0;
  }
  const ranges = changedRanges(git('diff', '-U0', '--no-color', base, 'HEAD', '--', ...modules), modules);
  if (ranges.size === 0) {
    console.log(`mutation: ${base}..HEAD touches none of the ${modules.length} heart modules`);
    return 0;
  }
  let failed = 0;
  for (const [module, lines] of ranges) {
    console.log(`mutation: ${module}, lines ${lines.map((r) => r.split(':')[1]).join(', ')}`);
    // stryker.config.mjs's thresholds.break makes the run exit non-zero under 90 %.
    const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', '--mutate', lines.join(',')], {
      stdio: 'inherit',
    });
    if (run.status !== 0) failed += 1;
  }
  return failed === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
