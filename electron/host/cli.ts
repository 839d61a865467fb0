// `npm run web`: Opus in a browser tab. The same core as the Electron app, over loopback; with no
// Dropbox app key configured it embeds a localbox, so it works offline from the first start.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bootOpus } from '../core/wiring/boot.ts';
import { fileKeyCipher, fileKeyValueStore } from './file-store.ts';
import { listenOnRememberedPort } from './remembered-port.ts';
import { startBrowserHost } from './server.ts';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Files named on the command line open as they would from the OS (core/wiring/files-from-os.ts).
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'sign-in-ports': { type: 'string' },
    'localbox-faults': { type: 'boolean' },
  },
});

const dataDir = resolve(values['data-dir'] ?? process.env.OPUS_DATA_DIR ?? join(homedir(), '.opus-web'));
const rendererDir = join(OUT, 'renderer');
const bridgeFile = join(OUT, 'host', 'bridge.js');
const log = (line: string) => process.stderr.write(`${line}\n`);

if (!existsSync(join(rendererDir, 'index.html'))) {
  log(`opus: the renderer is not built (${rendererDir}); run npm run build first.`);
  process.exit(1);
}

const store = fileKeyValueStore(join(dataDir, 'settings.json'));
const { core, localbox, close } = await bootOpus({
  dataDir,
  store,
  localboxFaults: values['localbox-faults'] ?? false,
  core: () => ({
    cipher: fileKeyCipher(join(dataDir, 'vault.key'), log),
    // The page opens the sign-in page in a new tab itself; there is no system browser to drive from here.
    openExternal: async () => {},
    version: process.env.npm_package_version ?? 'dev',
    signInPorts: values['sign-in-ports']?.split(',').map(Number),
    log,
  }),
});
void core.filesFromOs.receive(positionals, process.cwd());
const start = (port: number) => startBrowserHost({ core, rendererDir, bridgeFile, port, log });
const host = values.port
  ? await start(Number(values.port))
  : await listenOnRememberedPort(join(dataDir, 'host-port'), start);

// One parseable line first: scripts and tests read the address from it.
process.stdout.write(`opus web ${host.url}${localbox ? ` localbox=${localbox.url}` : ''}\n`);
process.stdout.write(`Open ${host.url} in your browser (the address carries this launch's secret).\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await close();
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
