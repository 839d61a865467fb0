// The security gate: Electronegativity over the Electron code, failing on any HIGH or MEDIUM finding that
// security/electronegativity-reviewed.json does not answer for, and on any review that answers for nothing.
//
//   node scripts/electronegativity.mjs [--list] [folder]
//
// `--list` also prints every finding, LOW and INFORMATIONAL included. `folder` defaults to electron/;
// pass a copy of it to try the gate on a change (findings are named `electron/…` either way, so the
// reviews apply). It scans the TypeScript sources, not the esbuild output:
// Electronegativity parses our .ts files (Babel's TypeScript plugin), while it cannot parse the bundled
// out/electron/main.js at all (class private fields: "Unknown node type PrivateName"), which would leave
// every per-file check blind. It exits 0 even with findings, so the CSV (`-o`) is what is judged.
//
// Its window checks only read an options literal written inside `new BrowserWindow(…)`; ours come from
// windowOptions(), and the CSP (common/renderer-csp.ts) is a header set in protocol.ts, both
// invisible to it. So the scan runs on a copy of the folder plus a generated probe
// (shell/window-options.probe.js) that writes what windowOptions() and RENDERER_CSP evaluate to as
// literals it can read: a change there is judged too.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  describeFinding,
  findingsFromCsv,
  judge,
  PROBE_FILE,
  parseReviews,
  probeSource,
} from './electronegativity-report.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PACKAGE = join(ROOT, 'node_modules/@doyensec/electronegativity');
const SHIM = join(ROOT, 'scripts/electronegativity-shim.cjs');
const REVIEWED = join(ROOT, 'security/electronegativity-reviewed.json');
/** Class names, as `-x` wants them. This one asks the network which Electron releases exist: not offline. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const ERROR_MARK = 'electronegativity-gate:error\t';

function fail(lines) {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(1);
}

/** Check class name → printed id, read from the checks Electronegativity ships (they differ in places). */
function checkAliases() {
  const aliases = {};
  for (const kind of ['AtomicChecks', 'GlobalChecks']) {
    const folder = join(PACKAGE, 'dist/finder/checks', kind);
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.js'))) {
      const id = /this\.id\s*=\s*['"]([A-Z0-9_]+)['"]/.exec(readFileSync(join(folder, name), 'utf8'))?.[1];
      if (id) aliases[name.slice(0, -3)] = id;
    }
  }
  return aliases;
}

/** Without it Electronegativity assumes Electron 0.1 and judges every default as insecure. */
function electronVersion() {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const version = manifest.devDependencies?.electron ?? manifest.dependencies?.electron;
  if (!version) fail(['electronegativity: no electron version in package.json']);
  return version.replace(/^[\^~=v]+/, '');
}

/** An inline `eng-disable` would hide a finding from the CSV, and so from review: the list is the one place. */
function inlineSuppressions(folder) {
  const found = [];
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|tsx|js|mjs|cjs|html?)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    if (path.includes('node_modules')) continue;
    if (/eng-disable/i.test(readFileSync(path, 'utf8'))) found.push(`  electron/${relative(folder, path)}`);
  }
  return found;
}

/** windowOptions() and RENDERER_CSP as the folder's window-options.ts and renderer-csp.ts evaluate them. */
async function evaluateWindowOptions(folder) {
  const bundle = await build({
    stdin: {
      contents: [
        "export { windowOptions } from './shell/window-options.ts';",
        "export { RENDERER_CSP } from './common/renderer-csp.ts';",
      ].join('\n'),
      resolveDir: folder,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    external: ['electron'],
    logLevel: 'error',
  });
  const code = Buffer.from(bundle.outputFiles[0].contents).toString('base64');
  const module = await import(`data:text/javascript;base64,${code}`);
  return { options: module.windowOptions(join(ROOT, 'out/electron/preload.cjs')), csp: module.RENDERER_CSP };
}

async function scan(folder) {
  const scratch = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const csv = join(scratch, 'electronegativity.csv');
  const copy = join(scratch, 'electron');
  cpSync(folder, copy, { recursive: true, filter: (path) => !path.includes('node_modules') });
  const { options, csp } = await evaluateWindowOptions(folder);
  writeFileSync(join(copy, PROBE_FILE), probeSource(options, csp));
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      SHIM,
      join(PACKAGE, 'dist/index.js'),
      ...['-i', copy, '-o', csv, '-r'],
      ...['-e', electronVersion(), '-x', EXCLUDED_CHECKS.join(',')],
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en-US' } },
  );
  const report = run.status === 0 && existsSync(csv) ? readFileSync(csv, 'utf8') : '';
  rmSync(scratch, { recursive: true, force: true });
  if (run.status !== 0 || run.error)
    fail([
      `electronegativity: the scan itself failed (exit ${run.status})`,
      run.error?.message ?? run.stderr,
    ]);
  const errors = run.stderr
    .split('\n')
    .filter((line) => line.startsWith(ERROR_MARK))
    .map((line) => `  ${line.slice(ERROR_MARK.length).replace('\t', ': ').replace(copy, 'electron')}`);
  if (errors.length > 0)
    fail(['electronegativity: these files could not be checked, so the scan is incomplete:', ...errors]);
  try {
    return findingsFromCsv(report);
  } catch (error) {
    return fail([`electronegativity: ${error.message}`]);
  }
}

const args = process.argv.slice(2);
const list = args.includes('--list');
const folder = resolve(args.find((arg) => arg !== '--list') ?? join(ROOT, 'electron'));
const aliases = checkAliases();
const known = new Set([...Object.keys(aliases), ...Object.values(aliases)]);
let reviews;
try {
  reviews = parseReviews(readFileSync(REVIEWED, 'utf8'), known);
} catch (error) {
  fail([`electronegativity: ${relative(ROOT, REVIEWED)}: ${error.message}`]);
}
const suppressed = inlineSuppressions(folder);
if (suppressed.length > 0)
  fail([
    'electronegativity: inline eng-disable comments are not allowed; review in security/ instead:',
    ...suppressed,
  ]);

const findings = (await scan(folder)).map((finding) => ({
  ...finding,
  file: finding.file === 'N/A' ? 'N/A' : `electron/${finding.file.replaceAll('\\', '/')}`,
}));
if (list) for (const finding of findings) process.stdout.write(`${describeFinding(finding)}\n`);
const { blocking, stale } = judge(findings, reviews, aliases);
const problems = [
  ...blocking.map((finding) => `  ${describeFinding(finding)}`),
  ...stale.map(
    (review) => `  stale review: ${review.check} in ${review.file} matches no finding any more; remove it`,
  ),
];
if (problems.length > 0)
  fail([
    `electronegativity: ${blocking.length} unreviewed HIGH/MEDIUM finding(s), ${stale.length} stale review(s)`,
    ...problems,
    `Fix the code, or add a review with a specific reason to ${relative(ROOT, REVIEWED)}.`,
  ]);
process.stdout.write(`electronegativity: ${findings.length} findings, all LOW/INFORMATIONAL or reviewed\n`);
