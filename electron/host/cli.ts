// `npm run web`: Opus in a browser tab. The same core as the Electron app, over loopback; with no
// Dropbox app key configured it embeds a localbox, so it works offline from the first start.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Localbox, startLocalbox } from '../../localbox/index.ts';
import { fileKeyCipher, fileKeyValueStore } from '../core/app/file-store.ts';
import { APP_KEY_SETTING, createOpusCore } from '../core/app/opus-core.ts';
import { chooseProvider, localboxEndpoints } from '../core/app/provider.ts';
import { startBrowserHost } from './server.ts';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
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
const choice = chooseProvider(await store.get(APP_KEY_SETTING));
let box: Localbox | null = null;
if (choice.provider === 'localbox') {
  box = await startLocalbox({
    dataDir: join(dataDir, 'localbox'),
    port: 0,
    faultInjection: values['localbox-faults'] ?? false,
    logLevel: 'error',
  });
}
const core = createOpusCore({
  endpoints: box
    ? localboxEndpoints(box.url, box.appKey)
    : { appKey: choice.provider === 'dropbox' ? choice.appKey : '' },
  provider: choice.provider,
  dataDir,
  store,
  cipher: fileKeyCipher(join(dataDir, 'vault.key')),
  // The page opens the sign-in page in a new tab itself; there is no system browser to drive from here.
  openExternal: async () => {},
  version: process.env.npm_package_version ?? 'dev',
  signInPorts: values['sign-in-ports']?.split(',').map(Number),
  log,
});
await core.start();
const host = await startBrowserHost({
  core,
  rendererDir,
  bridgeFile,
  port: values.port ? Number(values.port) : 0,
  log,
});

// One parseable line first: scripts and tests read the address from it.
process.stdout.write(`opus web ${host.url}${box ? ` localbox=${box.url}` : ''}\n`);
process.stdout.write(`Open ${host.url} in your browser (the address carries this launch's secret).\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await core.close();
  await host.close();
  await box?.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
