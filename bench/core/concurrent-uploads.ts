import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type BenchOptions, type Figure, median, percentile } from '../figure.ts';
import { KiB, realisticText, repoRoot } from './support.ts';

const WORKERS = 4;
const PER_WORKER = 50;
const BODY_BYTES = 4 * KiB;

interface Upload {
  ms: number;
  error: string | null;
}

interface Server {
  url: string;
  token: string;
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** The CLI as a user starts it (`node out/localbox/cli.js`), in its own process, until `stop`. */
async function startLocalboxProcess(cli: string, dataDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    [cli, '--port', '0', '--data-dir', dataDir, '--print-token', '--log-level', 'error'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited(child);
  };
  try {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
      let found: string | undefined;
      const timer = setTimeout(() => reject(new Error('bench: localbox did not start within 15 s')), 15_000);
      child.once('exit', (code) => reject(new Error(`bench: localbox exited (${code}) before it was ready`)));
      lines.on('line', (line) => {
        found ??= /^localbox listening on (http:\/\/\S+)/.exec(line)?.[1];
        const token = /^access_token=(\S+)$/.exec(line)?.[1];
        if (found && token) {
          clearTimeout(timer);
          resolve([found, token]);
        }
      });
    });
    return { url, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Forks the workers, lets them all start sending at the same moment, and gathers every upload. */
async function burst(server: Server, prefix: string, workers: number, perWorker: number, body: string) {
  const script = join(repoRoot(), 'bench', 'core', 'upload-worker.mjs');
  const children = Array.from({ length: workers }, () =>
    fork(script, [], { stdio: 'inherit', execArgv: [] }),
  );
  try {
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))));
    const started = performance.now();
    const results = await Promise.all(
      children.map(
        (child, index) =>
          new Promise<Upload[]>((resolve, reject) => {
            child.once('message', (message) => resolve(message as Upload[]));
            child.once('exit', (code) => reject(new Error(`bench: upload worker exited (${code})`)));
            child.send({
              url: server.url,
              token: server.token,
              prefix: `${prefix}/w${index}`,
              count: perWorker,
              body,
            });
          }),
      ),
    );
    return { uploads: results.flat(), wallMs: performance.now() - started };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    await Promise.all(children.map(exited));
  }
}

/** A warning when out/localbox/cli.js is older than the localbox sources it was built from. */
function staleness(root: string, cli: string): string {
  const built = statSync(cli).mtimeMs;
  const newer = readdirSync(join(root, 'localbox'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('test'))
    .filter((file) => statSync(join(root, 'localbox', file)).mtimeMs > built);
  return newer.length ? ` WARNING: ${cli} is older than localbox/${newer[0]}; run npm run build:node.` : '';
}

/**
 * 200 small uploads at once from 4 processes to a standalone localbox (the CLI): none may fail.
 * Latency goes in the note only: there is no physical minimum to hold it to.
 */
export async function measureConcurrentUploads(options: BenchOptions): Promise<Figure[]> {
  const root = repoRoot();
  const cli = join(root, 'out', 'localbox', 'cli.js');
  try {
    statSync(cli);
  } catch {
    throw new Error(`bench: ${cli} is missing; run npm run build:node first`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-bench-concurrent-'));
  try {
    const server = await startLocalboxProcess(cli, dataDir);
    try {
      const body = realisticText(BODY_BYTES, 4);
      const uploads: Upload[] = [];
      const walls: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        const result = await burst(server, `/Bench/Concurrent/run${run}`, WORKERS, PER_WORKER, body);
        uploads.push(...result.uploads);
        walls.push(result.wallMs);
      }
      const errors = uploads.filter((u) => u.error !== null);
      const ms = uploads.map((u) => u.ms);
      const firstErrors = [...new Set(errors.map((e) => e.error))].slice(0, 3).join(' | ');
      const latency =
        `latency per upload p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, ` +
        `max ${Math.max(...ms).toFixed(1)} ms; whole burst median ${median(walls).toFixed(0)} ms ` +
        `(runs ${walls.map((w) => w.toFixed(0)).join(', ')})`;
      options.log(`concurrent uploads: ${errors.length} errors; ${latency}`);
      return [
        {
          name: `${WORKERS * PER_WORKER} concurrent 4 KiB uploads to a standalone localbox`,
          baseline: null,
          value: errors.length,
          baselineValue: null,
          unit: 'errors',
          target: { kind: 'exactly', value: 0 },
          note:
            `${options.runs} burst(s) of ${WORKERS} forked processes × ${PER_WORKER} concurrent fetches ` +
            `(files/upload, mode add, distinct paths) against \`node out/localbox/cli.js\`; errors summed ` +
            `over all ${uploads.length} uploads; ${latency}.` +
            (errors.length ? ` Errors: ${firstErrors}.` : '') +
            staleness(root, cli),
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
