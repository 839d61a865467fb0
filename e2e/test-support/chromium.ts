import { existsSync } from 'node:fs';

// Debian's Chromium where it exists (Playwright's own browser download does not work on these machines);
// Playwright's bundled browser elsewhere. Shared by the e2e config and the benchmark's browser figures.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_LAUNCH = existsSync(DEBIAN_CHROMIUM)
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
