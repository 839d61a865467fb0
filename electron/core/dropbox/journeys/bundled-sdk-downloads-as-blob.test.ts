import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, type GatewayBench, startGatewayBench } from '../../test-support/gateway-bench.ts';

let bench: GatewayBench;
let dir: string;
let bundlePath: string;

/**
 * The gateway bundled with the SDK inlined and `module` resolved before `main`, as Vite and webpack do:
 * that picks the SDK's es/ build, which returns download bodies as `fileBlob`. It runs under plain Node
 * in a child process, as Electron's main would: Vitest's module runner would otherwise evaluate the
 * bundle with a `module` in scope, and the SDK would take its CommonJS branch.
 */
const ENTRY = (gatewayPath: string) => `
import { Dropbox } from 'dropbox';
import { createGateway } from ${JSON.stringify(gatewayPath)};

const fake = async () => new Response('x', { headers: { 'Dropbox-API-Result': '{}' } });
const probe = await new Dropbox({ accessToken: 't', fetch: fake }).filesDownload({ path: '/x' });
const token = process.env.TOKEN;
const gateway = createGateway({
  endpoints: { origin: process.env.ORIGIN, appKey: process.env.APP_KEY },
  tokens: { accessToken: async () => token, refreshAfterExpiry: async () => token },
});
const { file, bytes } = await gateway.download(process.env.FILE);
process.stdout.write(JSON.stringify({
  sdkBody: probe.result.fileBlob ? 'fileBlob' : 'fileBinary',
  isBuffer: Buffer.isBuffer(bytes),
  text: bytes.toString('utf8'),
  name: file.name,
}));
`;

beforeAll(async () => {
  bench = await startGatewayBench();
  dir = mkdtempSync(join(tmpdir(), 'gateway-bundle-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, ENTRY(fileURLToPath(new URL('../dropbox-gateway.ts', import.meta.url))));
  bundlePath = join(dir, 'bundle.mjs');
  await build({
    entryPoints: [entry],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    nodePaths: [fileURLToPath(new URL('../../../../node_modules', import.meta.url))],
    logLevel: 'silent',
  });
}, 30_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a bundled gateway (the SDK es/ build)', () => {
  it('gets fileBlob from the SDK and still opens the file in one request', async () => {
    await bench.gateway().upload('/bundled/€uro.txt', bytesOf('€ and more\n'), { mode: { kind: 'add' } });
    bench.takeCounts();
    const { stdout } = await promisify(execFile)(process.execPath, [bundlePath], {
      env: {
        ORIGIN: bench.endpoints.origin,
        APP_KEY: bench.endpoints.appKey,
        TOKEN: await bench.tokens.accessToken(),
        FILE: '/bundled/€uro.txt',
      },
    });
    expect(JSON.parse(stdout)).toEqual({
      sdkBody: 'fileBlob',
      isBuffer: true,
      text: '€ and more\n',
      name: '€uro.txt',
    });
    expect(bench.takeCounts()).toEqual({ 'files/download': 1 });
  });
});
