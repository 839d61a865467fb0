import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it exists (Playwright's own browser download does not work on these machines);
// Playwright's bundled browser elsewhere.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_LAUNCH = existsSync(DEBIAN_CHROMIUM)
  ? {
      executablePath: DEBIAN_CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    }
  : {};

export default defineConfig({
  testDir: '.',
  globalSetup: './global-setup.ts',
  outputDir: '../test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1100, height: 720 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // The renderer in a browser, through the browser host: runs on every machine.
    {
      name: 'chromium',
      testMatch: '*.spec.ts',
      testIgnore: 'electron/**',
      use: { launchOptions: CHROMIUM_LAUNCH },
    },
    // The real desktop app through Playwright's _electron; skipped, with the reason, where Electron's
    // binary is not installed (it cannot be downloaded on machines without internet).
    { name: 'electron', testMatch: 'electron/*.spec.ts' },
  ],
});
