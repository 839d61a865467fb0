// npm start: build everything, then run Opus in Electron where its binary is installed, and in the
// browser host otherwise (Electron downloads its binary at install time; where that cannot happen, the
// same app still runs in a browser tab). `--dry-run` prints the plan without running it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleBrowser, bundleElectron, bundleNode } from './build-node.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const dryRun = process.argv.includes('--dry-run');

/**
 * The Electron binary's path, or why there is none. Requiring `electron` downloads the binary when it
 * is missing (its lazy install), which is what a machine with internet wants; a dry run only looks.
 */
export function electronBinary() {
  if (dryRun) {
    const dir = `${ROOT}node_modules/electron`;
    const pathFile = `${dir}/path.txt`;
    if (!existsSync(pathFile))
      return { why: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)' };
    return { path: `${dir}/dist/${readFileSync(pathFile, 'utf8')}` };
  }
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? { path } : { why: `no file at ${path}` };
  } catch {
    return { why: 'its binary is not installed and could not be downloaded' };
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

const electron = electronBinary();
const plan = electron.path
  ? { runner: 'electron', command: electron.path, args: ['.'] }
  : { runner: 'browser host', command: process.execPath, args: ['out/host/cli.js'], why: electron.why };

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
  if (plan.why)
    process.stderr.write(
      `Electron is not available here (${plan.why}); starting Opus in your browser instead.\n`,
    );
  run(plan.command, plan.args);
}
