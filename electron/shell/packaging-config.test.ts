import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
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
type FuseConfig = Record<string, unknown>;
// The fuse settings electron-builder derives from `electronFuses`, and @electron/fuses, which flips them.
const { PlatformPackager } = require('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<FuseConfig> } };
};
const { flipFuses } = require('@electron/fuses') as {
  flipFuses(pathToElectron: string, config: FuseConfig): Promise<number>;
};

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

  /**
   * Ubuntu ≥ 23.10 lets only AppArmor-profiled programs use user namespaces, which Chromium's sandbox
   * needs (electron/electron#42510). electron-builder 26's own deb scripts install a profile granting
   * `userns` to /opt/Opus/opus; a custom `deb.afterInstall` or `deb.appArmorProfile` would replace them.
   */
  test('the deb keeps electron-builder’s AppArmor profile, so Ubuntu 24.04 starts Opus sandboxed', async () => {
    const config = await load(CONFIG);
    expect(config.deb).not.toHaveProperty('afterInstall');
    expect(config.deb).not.toHaveProperty('appArmorProfile');
    const templates = join(ROOT, 'node_modules', 'app-builder-lib', 'templates', 'linux');
    expect(readFileSync(join(templates, 'after-install.tpl'), 'utf8')).toMatch(
      /^\s*APPARMOR_PROFILE_TARGET='\/etc\/apparmor\.d\//m,
    );
    expect(readFileSync(join(templates, 'apparmor-profile.tpl'), 'utf8')).toMatch(/^\s*userns,$/m);
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
/** A placeholder for a binary that carries the fuse wire: what @electron/fuses looks for. */
const withStockFuses = (prefix: string) =>
  Buffer.concat([Buffer.from(prefix), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(STOCK_FUSES)]);
/** Version, length and the 8 fuses after the sentinel: ours are "01001100" (the order is in the test below). */
const fuseWireOf = (binary: Buffer) => {
  const wire = binary.subarray(binary.indexOf(SENTINEL) + SENTINEL.length);
  return [wire[0], wire[1], wire.subarray(2, 10).toString()];
};

describe('the macOS app', () => {
  /**
   * Flipping fuses invalidates the code signature, and Apple Silicon refuses to run an arm64 app whose
   * signature does not validate. A CI build has no certificate, so electron-builder skips signing
   * (26.x has no automatic ad-hoc fallback); the ad-hoc re-sign must come from the fuse flip itself.
   * There is no `codesign` on Linux: a stand-in on PATH records how it is called.
   */
  test('a build without a certificate is signed ad hoc after its fuses are flipped, so Apple Silicon runs it', async () => {
    const config = await load(CONFIG);
    // A fixed identity ('-') would override a configured certificate: signing stays electron-builder's choice.
    expect((config.mac as { identity?: unknown }).identity).toBeUndefined();
    const fuses = await PlatformPackager.prototype.generateFuseConfig(config.electronFuses);

    const app = join(work, 'mac', 'Opus.app');
    const framework = join(app, 'Contents', 'Frameworks', 'Electron Framework.framework');
    mkdirSync(framework, { recursive: true });
    writeFileSync(join(framework, 'Electron Framework'), withStockFuses('Mach-O placeholder\n'));
    const bin = join(work, 'bin');
    const calls = join(work, 'codesign-calls');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'codesign'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${calls}'\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${bin}${delimiter}${path}`;
    try {
      await flipFuses(app, fuses);
    } finally {
      process.env.PATH = path;
    }

    expect(fuseWireOf(readFileSync(join(framework, 'Electron Framework')))).toEqual([1, 8, '01001100']);
    const args = existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [];
    expect(args.slice(0, 2), 'codesign --sign - (ad hoc)').toEqual(['--sign', '-']);
    expect(args).toEqual(expect.arrayContaining(['--force', '--deep']));
    expect(args.at(-1)).toBe(app);
  });
});

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
  writeFileSync(join(dist, 'electron'), withStockFuses('#!/bin/sh\n'), { mode: 0o755 });
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

  // runAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity, asar only, V8 snapshot, file://
  expect(fuseWireOf(readFileSync(join(unpacked, 'opus')))).toEqual([1, 8, '01001100']);

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
