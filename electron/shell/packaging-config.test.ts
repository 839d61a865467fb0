import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

// electron-builder's own config loader and schema check. Internal paths: electron-builder is pinned.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string | null, extra: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const asar = require('@electron/asar') as { listPackage(file: string): string[] };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(ROOT, 'electron-builder.yml');
const work = mkdtempSync(join(tmpdir(), 'opus-packaging-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const load = (file: string) => getConfig(ROOT, file, null);
const validate = (config: unknown) => validateConfiguration(config, new DebugLogger(false));

describe('electron-builder.yml', () => {
  test('passes electron-builder’s own schema', async () => {
    await expect(validate(await load(CONFIG))).resolves.toBeUndefined();
  });

  test('a typo in it fails the schema, so it cannot slip through', async () => {
    const typo = join(work, 'typo.yml');
    writeFileSync(
      typo,
      readFileSync(CONFIG, 'utf8').replace(
        '  category: Utility;TextEditor',
        '  categroy: Utility;TextEditor',
      ),
    );
    await expect(validate(await load(typo))).rejects.toThrow(/configuration\.linux/);
  });

  test('asks for what the security checklist and the installers need', async () => {
    const config = await load(CONFIG);
    expect(config).toMatchObject({
      appId: 'app.opus.editor',
      productName: 'Opus',
      asar: true,
      directories: { buildResources: 'assets' },
      electronFuses: {
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      },
      linux: { target: ['AppImage', 'deb'], maintainer: expect.stringContaining('@') },
      mac: { target: ['dmg'], hardenedRuntime: true, entitlements: 'assets/entitlements.mac.plist' },
      win: { target: ['nsis'] },
      nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
    });
    for (const file of ['assets/entitlements.mac.plist', 'assets/entitlements.mac.inherit.plist']) {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
  });
});

// The stock fuse wire of Electron 45 as its binary carries it after the sentinel: version 1, 8 fuses.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STOCK_FUSES = '10011001';

/**
 * Real packaging needs Electron's binary, which cannot be downloaded here; electron-builder takes a
 * placeholder instead (`electronDist`). What it then does is real: select the files, pack the asar, and
 * flip the fuses in the placeholder's fuse wire.
 */
test('packs only the built app into the asar and flips the fuses in the binary', async () => {
  if (
    !existsSync(join(ROOT, 'out', 'renderer', 'index.html')) ||
    !existsSync(join(ROOT, 'out', 'electron', 'main.js'))
  ) {
    throw new Error('out/ is not built: run `npm run build` first (npm test does)');
  }
  const dist = join(work, 'electron-dist');
  const output = join(work, 'packed');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(
    join(dist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from(STOCK_FUSES),
    ]),
    { mode: 0o755 },
  );
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--dir',
      '--linux',
      '--x64',
      `-c.electronDist=${dist}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: ROOT, env: { ...process.env, CI: 'true' } },
  );
  const unpacked = join(output, 'linux-unpacked');

  const binary = readFileSync(join(unpacked, 'opus'));
  const wire = binary.subarray(binary.indexOf(SENTINEL) + SENTINEL.length);
  // runAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity, asar only, V8 snapshot, file://
  expect([wire[0], wire[1], wire.subarray(2, 10).toString()]).toEqual([1, 8, '01001100']);

  const files = asar.listPackage(join(unpacked, 'resources', 'app.asar'));
  const own = files.filter((file) => !file.startsWith('/node_modules'));
  expect(new Set(own.map((file) => file.split('/').slice(0, 3).join('/')))).toEqual(
    new Set(['/package.json', '/out', '/out/electron', '/out/renderer']),
  );
  expect(own).toContain('/out/electron/main.js');
  expect(own).toContain('/out/electron/preload.cjs');
  expect(own).toContain('/out/renderer/index.html');
  expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  const packages = new Set(
    files.filter((file) => file.startsWith('/node_modules/')).map((file) => file.split('/')[2]),
  );
  // The runtime dependencies, and none of what only builds or tests it.
  for (const needed of [
    'zod',
    'dropbox',
    'node-sqlite3-wasm',
    'electron-store',
    'chardet',
    'iconv-lite',
    'node-diff3',
  ]) {
    expect(packages, needed).toContain(needed);
  }
  for (const devOnly of [
    'react',
    'react-dom',
    'monaco-editor',
    'electron',
    'vite',
    'vitest',
    '@playwright',
  ]) {
    expect(packages, devOnly).not.toContain(devOnly);
  }
}, 120_000);
