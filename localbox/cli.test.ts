import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteToLocalbox } from './test-support/localbox.ts';
import {
  buildCli,
  jsonOf,
  killAllLocalboxes,
  rawApi,
  runCli,
  spawnLocalbox,
} from './test-support/process.ts';

// `node out/localbox/cli.js` as someone types it: the help, typos, the first line scripts parse,
// where it listens, what it logs, and how it stops.

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

const REQUEST_LINE = /^localbox (GET|POST) (\S+) (\d{3}) \d+\.\dms$/;

describe('the localbox command', () => {
  let root: string;
  let count = 0;
  const freshDir = () => join(root, `data-${count++}`);

  beforeAll(async () => {
    await buildCli();
    root = mkdtempSync(join(tmpdir(), 'localbox-cli-'));
  });

  afterAll(async () => {
    await killAllLocalboxes();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints its usage for --help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: /);
    for (const option of [
      '--data-dir',
      '--port',
      '--host',
      '--app-key',
      '--faults',
      '--log-level',
      '--print-token',
      '--max-upload-mib',
      '--help',
    ]) {
      expect(run.stdout).toContain(option);
    }
  });

  it('exits 2 with a one-line reason, and no stack trace, on a bad option', async () => {
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /--port must be/],
      [['--port', '-1'], /Option '--port' argument is ambiguous/],
      [['--port=-1'], /--port must be a non-negative number/],
      [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
      [['--port', '1.5'], /--port must be a whole number/],
      [['--port', ''], /--port must be/],
      [['--port'], /--port/],
      [['--log-level', 'loud'], /--log-level must be silent, error, info or debug/],
      [['--quota-mib', 'lots'], /--quota-mib must be/],
      [['--max-upload-mib', '0'], /--max-upload-mib must be more than 0/],
      [['--bogus'], /bogus/],
    ];
    for (const [args, reason] of cases) {
      const dataDir = freshDir();
      const run = await runCli(['--data-dir', dataDir, ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(reason);
      expect(run.stderr).toMatch(/^localbox: /);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(dataDir), 'nothing created for a typo').toBe(false);
    }
  });

  it('starts on a free port, prints the URL and app key first, and serves a token', async () => {
    const dataDir = freshDir();
    const box = await spawnLocalbox({ dataDir, args: ['--app-key', 'cliTestKey123'] });
    try {
      expect(box.stdout[0]).toBe(
        `localbox listening on http://127.0.0.1:${box.port} app_key=cliTestKey123 data_dir=${dataDir}`,
      );
      expect(box.port).toBeGreaterThan(0);
      expect(box.stdout[1]).toMatch(/^access_token=sl\.[A-Za-z0-9_-]+$/);

      const res = await rawApi(box.url, box.token).rpc('users/get_current_account');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect((await jsonOf(res)).account_id).toMatch(/^dbid:/);

      const dbx = new Dropbox({ accessToken: box.token, fetch: rewriteToLocalbox(box.url) });
      expect((await dbx.usersGetCurrentAccount()).result.email).toBe('you@localbox.invalid');

      // The default log level says nothing per request.
      expect(box.stderr()).not.toMatch(/^localbox POST/m);
    } finally {
      await box.kill();
    }
  });

  it('refuses a request body above --max-upload-mib, as Dropbox does above 150 MiB', async () => {
    const box = await spawnLocalbox({ dataDir: freshDir(), args: ['--max-upload-mib', '1'] });
    try {
      const api = rawApi(box.url, box.token);
      const arg = (path: string) => ({ path, mode: 'add' });
      const fits = await api.upload('files/upload', arg('/fits.bin'), new Uint8Array(1024 * 1024));
      expect(fits.status).toBe(200);
      const over = await api.upload('files/upload', arg('/over.bin'), new Uint8Array(1024 * 1024 + 1));
      expect(over.status).toBe(409);
      expect((await jsonOf(over)).error_summary).toMatch(/^payload_too_large/);
    } finally {
      await box.kill();
    }
  });

  it('listens on 127.0.0.1 only by default', async () => {
    const box = await spawnLocalbox({ dataDir: freshDir() });
    try {
      expect(new URL(box.url).hostname).toBe('127.0.0.1');
      expect(await canConnect('127.0.0.1', box.port)).toBe(true);
      // On Linux all of 127/8 reaches the machine, so a socket bound to 0.0.0.0 would answer here.
      if (process.platform === 'linux') expect(await canConnect('127.0.0.2', box.port)).toBe(false);
      const external = Object.values(networkInterfaces())
        .flat()
        .filter((address) => address && !address.internal && address.family === 'IPv4')
        .map((address) => address?.address as string);
      for (const address of external) expect(await canConnect(address, box.port), address).toBe(false);
    } finally {
      await box.kill();
    }
  });

  it('logs one line per request with --log-level debug', async () => {
    const box = await spawnLocalbox({ dataDir: freshDir(), args: ['--log-level', 'debug'] });
    try {
      const api = rawApi(box.url, box.token);
      expect((await api.rpc('users/get_current_account')).status).toBe(200);
      expect((await api.rpc('files/list_folder', { path: '/missing' })).status).toBe(409);
      expect((await api.rpc('files/no_such_route', {})).status).toBe(400);
      expect((await fetch(`${box.url}/2/files/download`, { method: 'GET' })).status).toBe(400);
      const lines = async () =>
        box
          .stderr()
          .split('\n')
          .filter((line) => REQUEST_LINE.test(line));
      for (let i = 0; i < 100 && (await lines()).length < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect((await lines()).map((line) => line.replace(/ [\d.]+ms$/, ''))).toEqual([
        'localbox POST /2/users/get_current_account 200',
        'localbox POST /2/files/list_folder 409',
        'localbox POST /2/files/no_such_route 400',
        'localbox GET /2/files/download 400',
      ]);
    } finally {
      await box.kill();
    }
  });

  it('exits 0 on SIGTERM and SIGINT, releasing the data folder', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const dataDir = freshDir();
      const box = await spawnLocalbox({ dataDir });
      expect(existsSync(join(dataDir, 'localbox.lock'))).toBe(true);
      const exit = await box.kill(signal);
      expect(exit, signal).toEqual({ code: 0, signal: null });
      expect(existsSync(join(dataDir, 'localbox.lock'))).toBe(false);
      expect(existsSync(join(dataDir, 'localbox.sqlite.lock'))).toBe(false);
      expect(box.stderr()).toBe('');
      // Released for real: the next start on the folder succeeds.
      const next = await spawnLocalbox({ dataDir });
      expect((await rawApi(next.url, next.token).rpc('users/get_current_account')).status).toBe(200);
      await next.kill('SIGTERM');
    }
  });
});
