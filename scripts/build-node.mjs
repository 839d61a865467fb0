// Bundles the Node-side entry points with esbuild: our own code is bundled, npm packages stay external.
// Run as a script (npm run build:node) it builds every entry; tests import bundleNode to build one.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const NODE_ENTRIES = {
  'localbox/cli': 'localbox/cli.ts',
  'host/cli': 'electron/host/cli.ts',
};

/** Each output lands by rename, so a process started while another build runs never loads half a bundle. */
export async function bundleNode(entries = NODE_ENTRIES) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir: 'out',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  return Object.keys(entries).map((name) => join(ROOT, 'out', `${name}.js`));
}

export const BROWSER_ENTRIES = {
  'host/bridge': 'electron/host/bridge.ts',
};

/** The browser host's page bridge: a classic script that must run before the renderer's modules. */
export async function bundleBrowser(entries = BROWSER_ENTRIES) {
  await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir: 'out',
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    logLevel: 'warning',
  });
  return Object.keys(entries).map((name) => join(ROOT, 'out', `${name}.js`));
}

/**
 * The Electron main process (ESM) and the preload (CommonJS: sandboxed preloads cannot be modules).
 * `electron` itself stays external: it exists only inside the Electron binary.
 */
export async function bundleElectron() {
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: { 'electron/main': 'electron/shell/main.ts' },
      outdir: 'out',
      format: 'esm',
      packages: 'external',
    }),
    build({
      ...common,
      entryPoints: ['electron/preload.ts'],
      outfile: 'out/electron/preload.cjs',
      format: 'cjs',
      external: ['electron'],
    }),
  ]);
  return [join(ROOT, 'out/electron/main.js'), join(ROOT, 'out/electron/preload.cjs')];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await Promise.all([bundleNode(), bundleBrowser(), bundleElectron()]);
}
