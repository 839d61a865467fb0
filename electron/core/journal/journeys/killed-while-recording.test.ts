import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { textOf } from '../../text/text-edits.ts';
import { Journal } from '../journal.ts';
import { tempFolder } from '../test-support/file-system.ts';
import { fingerprint, type KillMode, killHeader, killSteps } from '../test-support/recording-child.ts';

// Node 20 cannot run TypeScript: the child is bundled once with esbuild (dependencies included).
let bundle: string;
let removeBundle: () => Promise<void>;

beforeAll(async () => {
  const { folder, remove } = await tempFolder();
  bundle = join(folder, 'recording-child.mjs');
  removeBundle = remove;
  await build({
    entryPoints: [fileURLToPath(new URL('../test-support/recording-child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    // Smaller to parse: the child's start-up is most of a trial's time.
    minify: true,
    logLevel: 'error',
  });
});
afterAll(() => removeBundle());

const SEED = Number(process.env.OPUS_KILL_SEED ?? 20261127);
const TRIALS = 5;

/** Runs the child until `killAfterMs` past its first printed record, SIGKILLs it, returns what it printed. */
async function killedChild(
  folder: string,
  seed: number,
  mode: KillMode,
  killAfterMs: number,
): Promise<string[]> {
  const child = spawn(process.execPath, [bundle, folder, String(seed), mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
  );
  clearTimeout(timer);
  expect(signal, `the child ended by itself (${code}): ${err}`).toBe('SIGKILL');
  return out.split('\n').filter((line) => line.length > 0);
}

/** The fingerprints of the child's first `count` texts, regenerated from its seed. */
function expectedFingerprints(seed: number, mode: KillMode, count: number): string[] {
  const prints: string[] = [];
  for (const { text } of killSteps(seed, mode)) {
    if (prints.length === count) break;
    prints.push(fingerprint(text));
  }
  return prints;
}

describe.each(['type', 'compact'] as const)('a process killed with SIGKILL while it records (%s)', (mode) => {
  test(`restores a text it had recorded, never a corrupt or mixed one (${TRIALS} seeded trials)`, async () => {
    const outcomes: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const seed = SEED + trial * 101 + (mode === 'compact' ? 7 : 0);
      // Kill moments spread over the run: some during the first records, most well into the typing.
      const killAfterMs = Math.floor((((seed * 7919) % 1000) / 1000) * 300);
      const { folder, remove } = await tempFolder();
      try {
        const printed = await killedChild(folder, seed, mode, killAfterMs);
        const expected = expectedFingerprints(seed, mode, printed.length + 1);
        expect(printed, `trial seed ${seed}`).toEqual(
          expected.slice(0, -1).map((print, step) => `${step} ${print}`),
        );
        // What the kill left: a temp file (killed mid-snapshot) or two logs (killed mid-compaction).
        const left = await readdir(folder);
        const caught = `${left.some((name) => name.endsWith('.tmp')) ? 't' : ''}${left.filter((name) => name.endsWith('.log')).length > 1 ? 's' : ''}`;
        const entries = await new Journal(folder).readAll();
        expect(entries.map((entry) => entry.path)).toEqual([killHeader.path]);
        const restored = fingerprint(textOf(entries[0]?.text ?? ''));
        // The last text printed, or the next one: recorded (written) but killed before it was printed.
        expect([expected.at(-2), expected.at(-1)], `trial seed ${seed}, ${printed.length} printed`).toContain(
          restored,
        );
        expect((await readdir(folder)).filter((name) => name.endsWith('.corrupt'))).toEqual([]);
        outcomes.push(`${printed.length}${restored === expected.at(-1) ? '+1' : ''}${caught}`);
      } finally {
        await remove();
      }
    }
    console.log(
      `${mode}: records printed before each kill (+1: the unprinted one restored; t: a temp file left, s: a stale log): ${outcomes.join(' ')}`,
    );
  });
});
