import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Builds what the browser host serves: the Node bundles (host, localbox, page bridge) and the renderer. */
// biome-ignore lint/style/noDefaultExport: Playwright runs the default export of its globalSetup file
export default function globalSetup(): void {
  if (process.env.OPUS_E2E_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
