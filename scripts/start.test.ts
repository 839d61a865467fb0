import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

test('npm start runs Electron where its binary is installed, and the browser host otherwise, saying why', () => {
  const plan = JSON.parse(
    execFileSync(process.execPath, ['scripts/start.mjs', '--dry-run'], { cwd: ROOT, encoding: 'utf8' }),
  ) as {
    runner: string;
    args: string[];
    why?: string;
  };
  if (existsSync(`${ROOT}node_modules/electron/path.txt`)) {
    expect(plan).toMatchObject({ runner: 'electron', args: ['.'] });
  } else {
    expect(plan).toMatchObject({ runner: 'browser host', args: ['out/host/cli.js'] });
    expect(plan.why).toMatch(/Electron binary was never downloaded/);
  }
});
