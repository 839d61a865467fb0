import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './test-support/chromium.ts';

export default defineConfig({
  testDir: '.',
  globalSetup: './global-setup.ts',
  outputDir: '../test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Each spec starts its own host, localbox and data folder on free ports, so two files run at once;
  // the tests inside a file stay in order. Two workers match the two cores CI has.
  fullyParallel: false,
  workers: 2,
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
