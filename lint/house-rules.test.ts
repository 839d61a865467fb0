import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// The house rules of ARCHITECTURE.md are kept by biome.json and lint/*.grit: each probe below is a file
// that breaks (or keeps) one rule, linted where it would live.

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const biome = join(root, 'node_modules', '.bin', 'biome');

/** Biome's verdict on `source` as the file `path` (relative to the repo), which exists only meanwhile. */
function lint(path: string, source: string): { ok: boolean; output: string } {
  const file = join(root, path.replace(/\.ts$/, `.probe-${process.pid}.ts`));
  writeFileSync(file, source);
  try {
    const run = spawnSync(biome, ['lint', '--colors=off', file], { cwd: root, encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(file, { force: true });
  }
}

const ELECTRON = "import { app } from 'electron';\nexport const a = app;\n";

test.each([
  ['electron/core/documents/x.ts', ELECTRON, /Only the shell and the preload import electron/],
  ['electron/host/x.ts', ELECTRON, /Only the shell and the preload import electron/],
  ['localbox/x.ts', ELECTRON, /Only the shell and the preload import electron/],
  [
    'electron/shell/x.ts',
    "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n",
    /ipcMain is used in electron\/shell\/ipc.ts only/,
  ],
  [
    'electron/core/documents/x.ts',
    "import { startLocalbox } from '../../../localbox/index.ts';\nexport const a = startLocalbox;\n",
    /only boot.ts, the composition root/,
  ],
  [
    'renderer/state/x.ts',
    "import { ErrorKindSchema } from '../../electron/common/contract/shapes.ts';\nexport const a = ErrorKindSchema;\n",
    /The page takes only types from main's code/,
  ],
])('%s breaking a house rule is refused by the linter', (path, source, message) => {
  const verdict = lint(path, source);
  expect(verdict.ok).toBe(false);
  expect(verdict.output).toMatch(message);
});

test.each([
  ['electron/shell/x.ts', ELECTRON],
  [
    'renderer/state/x.ts',
    "import type { ErrorKind } from '../../electron/common/contract/shapes.ts';\nexport type A = ErrorKind;\n",
  ],
  [
    'renderer/state/x.ts',
    "import { COMMAND_LIST } from '../../electron/common/menu-commands.ts';\nexport const a = COMMAND_LIST;\n",
  ],
])('%s keeping the house rules passes the linter', (path, source) => {
  expect(lint(path, source)).toMatchObject({ ok: true });
});

test.each([
  ['electron/preload.ts', /from 'electron'/],
  ['electron/core/wiring/boot.ts', /from '\.\.\/\.\.\/\.\.\/localbox\/index\.ts'/],
])('%s, named as an exception, makes the import the others may not, and passes', (path, imports) => {
  expect(readFileSync(join(root, path), 'utf8')).toMatch(imports);
  const run = spawnSync(biome, ['lint', '--colors=off', path], { cwd: root, encoding: 'utf8' });
  expect(run.status).toBe(0);
});
