// npm start: build everything, then run Opus in Electron where its binary is installed, and in the
// browser host otherwise (Electron downloads its binary at install time; where that cannot happen, the
// same app still runs in a browser tab). `--dry-run` prints the plan without building, downloading or
// running anything. What it decides and says is start-plan.mjs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBrowser, bundleElectron, bundleNode } from './build-node.mjs';
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
// The browser host's own default (electron/host/cli.ts), named here so that it can be said.
const dataDir = resolve(process.env.OPUS_DATA_DIR ?? join(homedir(), '.opus-web'));
const plan = electron.path
  ? { runner: 'electron', command: electron.path, args: ['.'] }
  : {
      runner: 'browser host',
      command: process.execPath,
      args: ['out/host/cli.js', '--data-dir', dataDir],
      why: electron.why,
      lines: fallbackLines(electron.why, dataDir),
    };

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
