// Mutation testing of the heart modules (issue 19), one module at a time with that module's tests
// (stryker.config.mjs lists them), so each run stays small and keeps its own cache and report:
//   node scripts/mutation.mjs                  every module whole: the release's run
//   node scripts/mutation.mjs --changed        the lines a change touched: CI's run (npm test)
//   node scripts/mutation.mjs --mutate <spec>  Stryker's own --mutate, e.g. file.ts or file.ts:10-20
// The change is base..HEAD: $MUTATION_BASE, else the last commit (CI tests the newest landing). A run
// fails when a module's score is under stryker.config.mjs's thresholds.break (90 %).
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

/** What a change touched, or null (with the reason printed) when there is nothing to compare with. */
function changedSince(base, modules) {
  const git = (...args) => execFileSync('git', args, { encoding: 'utf8' });
  try {
    git('rev-parse', '--verify', '--quiet', `${base}^{commit}`);
  } catch {
    console.log(`mutation: no ${base} to compare with (a shallow clone?), so no mutation run`);
    return null;
  }
  const ranges = changedRanges(git('diff', '-U0', '--no-color', base, 'HEAD', '--', ...modules), modules);
  if (ranges.size === 0)
    console.log(`mutation: ${base}..HEAD touches none of the ${modules.length} heart modules`);
  return ranges;
}

/** Runs Stryker once per entry; true when every run reached the threshold. */
function runEach(ranges, env = process.env) {
  const failed = [];
  for (const [module, specs] of ranges) {
    console.log(`\nmutation: ${specs.join(', ')}`);
    const started = Date.now();
    const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', '--mutate', specs.join(',')], {
      stdio: 'inherit',
      env,
    });
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    console.log(`mutation: ${module} ${run.status === 0 ? 'passed' : 'FAILED'} in ${minutes} min`);
    if (run.status !== 0) failed.push(module);
  }
  if (failed.length > 0) console.log(`\nmutation: under the threshold or broken: ${failed.join(', ')}`);
  return failed.length === 0;
}

function main(args) {
  const modules = Object.keys(HEART);
  const flag = args.indexOf('--mutate');
  if (flag >= 0) return runEach(new Map([[args[flag + 1], [args[flag + 1]]]]));
  if (args.includes('--changed')) {
    const ranges = changedSince(process.env.MUTATION_BASE || 'HEAD~1', modules);
    return ranges === null || runEach(ranges, { ...process.env, OPUS_MUTATION_LINES_ONLY: '1' });
  }
  return runEach(new Map(modules.map((module) => [module, [module]])));
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2)) ? 0 : 1;
