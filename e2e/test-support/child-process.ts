import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Started {
  child: ChildProcess;
  /** The stdout lines read so far (at least as many as were awaited). */
  lines: string[];
  stop(): Promise<void>;
}

/**
 * Starts `node <script> …args` from the repository root and waits for its first `count` stdout lines:
 * the CLIs print their addresses there first. Stderr is kept for the error message if it dies early.
 */
export async function startNode(
  script: string,
  args: string[],
  count = 1,
  timeoutMs = 30_000,
): Promise<Started> {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  // OPUS_E2E_DEBUG=1 shows what the host and localbox log while a test runs.
  if (process.env.OPUS_E2E_DEBUG) child.stderr?.pipe(process.stderr);
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} printed nothing in ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    reader.on('line', (line) => {
      lines.push(line);
      if (lines.length === count) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before starting\n${stderr}`));
    });
  });
  return {
    child,
    lines,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
