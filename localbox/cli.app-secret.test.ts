import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildCli,
  killAllLocalboxes,
  type LocalboxProcess,
  runCli,
  spawnLocalbox,
} from './test-support/process.ts';

// Issue 16, item 7: a secret on the command line is shown to every user of the computer (ps reads
// /proc/<pid>/cmdline), so localbox also takes it from its environment or from a file.

const SECRET = 'the-app-secret-1234';

let root: string;
let count = 0;
const freshDir = () => join(root, `data-${count++}`);

beforeAll(async () => {
  await buildCli();
  root = mkdtempSync(join(tmpdir(), 'localbox-cli-secret-'));
});
afterAll(async () => {
  await killAllLocalboxes();
  rmSync(root, { recursive: true, force: true });
});

/** What /oauth2/token says to a made-up code, sent with `secret`: a known secret gets as far as the code. */
async function tokenError(box: LocalboxProcess, secret: string): Promise<string> {
  const res = await fetch(`${box.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: 'made-up',
      client_id: box.appKey,
      client_secret: secret,
    }),
  });
  return ((await res.json()) as { error: string }).error;
}

/** The command line other users see, as ps does. */
const commandLine = (box: LocalboxProcess) => readFileSync(`/proc/${box.pid}/cmdline`, 'utf8');

describe('the app secret', () => {
  test('--help names the environment variable and the file, and recommends them over the flag', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toContain('--app-secret-file <path>');
    expect(run.stdout).toContain('$LOCALBOX_APP_SECRET');
    expect(run.stdout).toMatch(/--app-secret <s> +the same, given on the command line: avoid it/);
  });

  test('from $LOCALBOX_APP_SECRET: the token endpoint requires it, and it is not on the command line', async () => {
    const box = await spawnLocalbox({ dataDir: freshDir(), env: { LOCALBOX_APP_SECRET: SECRET } });
    try {
      expect(await tokenError(box, SECRET)).toBe('invalid_grant');
      expect(await tokenError(box, 'wrong')).toBe('invalid_client');
      if (existsSync('/proc')) expect(commandLine(box)).not.toContain(SECRET);
      expect(box.stderr()).toBe('');
    } finally {
      await box.kill();
    }
  });

  test('from --app-secret-file: its first line is the secret, and it is not on the command line', async () => {
    const file = join(root, 'secret');
    writeFileSync(file, `${SECRET}\n`, { mode: 0o600 });
    const box = await spawnLocalbox({ dataDir: freshDir(), args: ['--app-secret-file', file] });
    try {
      expect(await tokenError(box, SECRET)).toBe('invalid_grant');
      expect(await tokenError(box, 'wrong')).toBe('invalid_client');
      if (existsSync('/proc')) expect(commandLine(box)).not.toContain(SECRET);
    } finally {
      await box.kill();
    }
  });

  test('without any, the app is public: a secret sent to it is refused', async () => {
    const box = await spawnLocalbox({ dataDir: freshDir(), env: { LOCALBOX_APP_SECRET: '' } });
    try {
      expect(await tokenError(box, SECRET)).toBe('invalid_client');
    } finally {
      await box.kill();
    }
  });

  test('the flag still works, with a warning that everyone can see it', async () => {
    const box = await spawnLocalbox({ dataDir: freshDir(), args: ['--app-secret', SECRET] });
    try {
      expect(await tokenError(box, SECRET)).toBe('invalid_grant');
      expect(box.stderr()).toMatch(/--app-secret shows the secret to every user of this computer/);
    } finally {
      await box.kill();
    }
  });

  test('a missing or empty file, or both the flag and the file, exit 2 with one line', async () => {
    const empty = join(root, 'empty');
    writeFileSync(empty, '\n');
    const cases: [string[], RegExp][] = [
      [['--app-secret-file', join(root, 'nowhere')], /cannot read --app-secret-file .*nowhere: ENOENT/],
      [['--app-secret-file', empty], /--app-secret-file .*empty is empty/],
      [['--app-secret', 'x', '--app-secret-file', empty], /not both/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['--data-dir', freshDir(), '--port', '0', ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
