import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { sandboxProblem } from './linux-sandbox.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const { OPUS_DATA_DIR: _, ...env } = process.env;

test('npm start runs Electron where its binary is installed, and the browser host otherwise, saying why', () => {
  const plan = JSON.parse(
    execFileSync(process.execPath, ['scripts/start.mjs', '--dry-run'], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
    }),
  ) as {
    runner: string;
    args: string[];
    why?: string;
    lines?: string[];
  };
  const dataDir = join(homedir(), '.opus-web');
  const pathFile = `${ROOT}node_modules/electron/path.txt`;
  const binary = existsSync(pathFile)
    ? `${ROOT}node_modules/electron/dist/${readFileSync(pathFile, 'utf8').trim()}`
    : null;
  const sandbox = binary && process.platform === 'linux' ? sandboxProblem(binary) : null;
  if (binary && !sandbox) {
    expect(plan).toMatchObject({ runner: 'electron', args: ['.'] });
  } else {
    expect(plan).toMatchObject({ runner: 'browser host', args: ['out/host/cli.js', '--data-dir', dataDir] });
    expect(plan.why).toBe(
      sandbox?.why ?? 'its binary was never downloaded: node_modules/electron/path.txt is missing',
    );
    // Why, then (where the sandbox is the reason) how to fix it, then where the browser version keeps its data.
    expect(plan.lines?.slice(1, -1)).toEqual(sandbox?.fixes ?? []);
    expect(plan.lines?.at(-1)).toContain(`in ${dataDir}: its own folder, not the desktop app's profile.`);
  }
});
