import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { bundleNode } from '../../scripts/build-node.mjs';
import { headerSafeJson } from '../http/respond.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_PATH = join(ROOT, 'out', 'localbox', 'cli.js');

let built: Promise<string> | undefined;

/**
 * Bundles localbox/cli.ts to out/localbox/cli.js as `npm run build:node` does, so a single test file
 * runs on its own.
 */
export function buildCli(): Promise<string> {
  built ??= bundle('localbox/cli.ts', 'localbox/cli').then(() => CLI_PATH);
  return built;
}

/** Bundles one module to out/<name>.js, exactly as `npm run build:node` does. */
export async function bundle(entry: string, name: string): Promise<string> {
  const [file] = await bundleNode({ [name]: entry });
  return file ?? join(ROOT, 'out', `${name}.js`);
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LocalboxProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  appKey: string;
  dataDir: string;
  /** Present when started with --print-token (the default here). */
  token: string;
  /** Every stdout line so far, the "listening" line first. */
  stdout: string[];
  stderr(): string;
  exited: Promise<Exit>;
  /** Sends the signal and waits until the process is gone (and reaped, so its pid is free). */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface SpawnOptions {
  dataDir: string;
  /** Extra CLI arguments; --data-dir, --port 0 and --print-token are always passed. */
  args?: string[];
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): Promise<Exit> {
  live.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Last line of defence: a test that throws before its finally still leaves no localbox behind.
    process.once('exit', () => {
      for (const running of live) running.kill('SIGKILL');
    });
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
}

/** Starts `node out/localbox/cli.js` and waits for its first lines: the URL, the app key and a token. */
export async function spawnLocalbox(options: SpawnOptions): Promise<LocalboxProcess> {
  const cli = await buildCli();
  const child = spawn(
    process.execPath,
    [cli, '--data-dir', options.dataDir, '--port', '0', '--print-token', ...(options.args ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  const exited = track(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const stdout: string[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`localbox did not start within ${options.startTimeoutMs ?? 15_000} ms`)),
      options.startTimeoutMs ?? 15_000,
    );
    lines.on('line', (line) => {
      stdout.push(line);
      if (stdout.length === 2) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`localbox exited (${code ?? signal}) before it was ready: ${stderr.trim()}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  const first = /^localbox listening on (http:\/\/\S+) app_key=(\S+) data_dir=(.+)$/.exec(stdout[0] ?? '');
  const token = /^access_token=(\S+)$/.exec(stdout[1] ?? '');
  if (!first?.[1] || !first[2] || !token?.[1]) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`unexpected localbox output: ${stdout.join('\n')}`);
  }
  const url = first[1];
  return {
    child,
    pid: child.pid as number,
    url,
    port: Number(new URL(url).port),
    appKey: first[2],
    dataDir: options.dataDir,
    token: token[1],
    stdout,
    stderr: () => stderr,
    exited,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface CliRun extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (for --help, bad options, a refused data folder). */
export async function runCli(args: string[], timeoutMs = 15_000): Promise<CliRun> {
  const cli = await buildCli();
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = track(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = await exited;
  clearTimeout(timer);
  return { ...exit, stdout, stderr };
}

/** Kills every localbox these helpers started that is still running; for afterAll. */
export async function killAllLocalboxes(): Promise<void> {
  const running = [...live];
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Raw Dropbox API calls with fetch: the wire as a client sends it, no SDK in between. */
export interface RawApi {
  rpc(route: string, arg?: unknown, init?: { headers?: Record<string, string> }): Promise<Response>;
  upload(route: string, arg: unknown, body: Uint8Array, init?: { signal?: AbortSignal }): Promise<Response>;
  download(arg: unknown): Promise<Response>;
}

export function rawApi(url: string, token: string): RawApi {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    rpc: (route, arg, init) =>
      fetch(`${url}/2/${route}`, {
        method: 'POST',
        headers:
          arg === undefined
            ? { ...auth, ...init?.headers }
            : { ...auth, 'Content-Type': 'application/json', ...init?.headers },
        body: arg === undefined ? undefined : JSON.stringify(arg),
        signal: AbortSignal.timeout(20_000),
      }),
    upload: (route, arg, body, init) =>
      fetch(`${url}/2/${route}`, {
        method: 'POST',
        headers: {
          ...auth,
          'Content-Type': 'application/octet-stream',
          'Dropbox-API-Arg': headerSafeJson(arg),
        },
        body,
        signal: init?.signal ?? AbortSignal.timeout(20_000),
      }),
    download: (arg) =>
      fetch(`${url}/2/files/download`, {
        method: 'POST',
        headers: { ...auth, 'Dropbox-API-Arg': headerSafeJson(arg) },
        signal: AbortSignal.timeout(20_000),
      }),
  };
}

/** Dropbox's JSON error envelope (401, 409, 429), typed loosely enough for assertions. */
export interface ErrorBody {
  error_summary: string;
  error: { '.tag'?: string; path?: { '.tag': string }; [field: string]: unknown };
}

/** `res.json()` with the shape the test expects. */
export async function jsonOf<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
