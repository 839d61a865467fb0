import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

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
  if (existsSync(`${ROOT}node_modules/electron/path.txt`)) {
    expect(plan).toMatchObject({ runner: 'electron', args: ['.'] });
  } else {
    const dataDir = join(homedir(), '.opus-web');
    expect(plan).toMatchObject({ runner: 'browser host', args: ['out/host/cli.js', '--data-dir', dataDir] });
    expect(plan.why).toMatch(/binary was never downloaded/);
    expect(plan.lines?.[1]).toContain(`in ${dataDir}: its own folder, not the desktop app's profile.`);
  }
});
