import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, expect, test } from 'vitest';
import { bundleElectron } from '../../../scripts/build-node.mjs';
import { COMMAND_NAMES, EVENT_NAMES } from '../../common/contract/names.ts';

// Vitest's module interop is lenient; Electron's is not. Loading the real bundles under plain Node (with
// `electron` stubbed) catches ESM/CJS import mistakes that would crash the app at start.
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const register = join(ROOT, 'electron/shell/test-support/register.mjs');
let main: string;
let preload: string;

beforeAll(async () => {
  [main, preload] = (await bundleElectron()) as [string, string];
});

test('the built main process bundle loads under Node ESM and starts the Electron lifecycle', async () => {
  const script = `await import(${JSON.stringify(main)}); await new Promise((r) => setTimeout(r, 50)); console.log(JSON.stringify(globalThis.__electronStubCalls));`;
  const { stdout } = await run(
    process.execPath,
    ['--import', register, '--input-type=module', '-e', script],
    { cwd: ROOT },
  );
  const calls = JSON.parse(stdout.trim()) as string[];
  expect(calls).toEqual(
    expect.arrayContaining([
      'app.setName',
      'app.setAppLogsPath',
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
      'app.whenReady',
    ]),
  );
});

test('the built preload is CommonJS and exposes exactly the contract as window.opus', async () => {
  const script = `require(${JSON.stringify(preload)}); console.log(JSON.stringify(globalThis.__electronStubCalls));`;
  const hook = join(ROOT, 'electron/shell/test-support/require-hook.cjs');
  const { stdout } = await run(process.execPath, ['--require', hook, '-e', script], { cwd: ROOT });
  const calls = JSON.parse(stdout.trim()) as string[];
  expect(calls).toContain(
    `contextBridge.exposeInMainWorld:opus:${COMMAND_NAMES.length + EVENT_NAMES.length}`,
  );
  expect(calls).toContain('ipcRenderer.on');
});
