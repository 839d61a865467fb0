// npm start: build everything, then run Opus in Electron where its binary is installed and its sandbox
// can start, and in the browser host otherwise (Electron ≥ 42 fetches its binary on first use, which
// needs internet; where that cannot happen, the same app still runs in a browser tab). `--dry-run`
// prints the plan without building, downloading or running anything. What it decides and says is
// start-plan.mjs; whether Chromium's sandbox can start on Linux is linux-sandbox.mjs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBrowser, bundleElectron, bundleNode } from './build-node.mjs';
import { sandboxProblem } from './linux-sandbox.mjs';
import { engineFloor, fallbackLines, findElectron, nodeCheck } from './start-plan.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const dryRun = process.argv.includes('--dry-run');
const say = (line) => process.stderr.write(`${line}\n`);

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const node = nodeCheck(process.version, engineFloor(pkg.engines.node));
if (node.line) say(node.line);
if (!node.ok) process.exit(1);

function run(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

const electron = findElectron(join(ROOT, 'node_modules', 'electron'), { download: !dryRun });
// Where Chromium's sandbox cannot start, Electron aborts: say why and how to fix it, and run the
// browser host meanwhile. Never Electron with --no-sandbox.
const sandbox =
  electron.path && process.platform === 'linux' && !process.env.OPUS_SKIP_SANDBOX_CHECK
    ? sandboxProblem(electron.path)
    : null;
// The browser host's own default (electron/host/cli.ts), named here so that it can be said.
const dataDir = resolve(process.env.OPUS_DATA_DIR ?? join(homedir(), '.opus-web'));
const why = sandbox?.why ?? electron.why;
const fallback = why ? fallbackLines(why, dataDir) : [];
const plan = why
  ? {
      runner: 'browser host',
      command: process.execPath,
      args: ['out/host/cli.js', '--data-dir', dataDir],
      why,
      lines: [fallback[0], ...(sandbox?.fixes ?? []), ...fallback.slice(1)],
    }
  : { runner: 'electron', command: electron.path, args: ['.'] };

if (dryRun) {
  process.stdout.write(`${JSON.stringify(plan)}\n`);
} else {
  await Promise.all([bundleNode(), bundleBrowser(), bundleElectron()]);
  if (existsSync(`${ROOT}vite.config.ts`)) {
    await new Promise((resolve, reject) =>
      spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'inherit',
      }).on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`the renderer build failed (${code})`)),
      ),
    );
  }
  for (const line of plan.lines ?? []) say(line);
  run(plan.command, plan.args);
}
