// Bundles the Node-side entry points with esbuild: our own code is bundled, npm packages stay external.
import { build } from 'esbuild';

const entries = {
  'localbox/cli': 'localbox/cli.ts',
};

await build({
  entryPoints: entries,
  outdir: 'out',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  outExtension: { '.js': '.js' },
  logLevel: 'warning',
});
