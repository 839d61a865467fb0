import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import type { UpdateState } from '../common/contract/shapes.ts';
import { type OpenDocumentState, Updates } from '../core/wiring/updates.ts';
import {
  type Release,
  type ReleaseServer,
  sha512Of,
  startReleaseServer,
} from './test-support/release-server.ts';
import { type UpdaterBench, updaterBench } from './test-support/updater-bench.ts';
import { adaptUpdater } from './updates.ts';

// electron-updater itself (a DebUpdater, as a deb install gets), driven over real HTTP against a local
// release feed, through the core's policy: only Electron's `app` and `net` are stood in for.

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const release = (version: string, size = 300_000): Release => ({
  version,
  artifact: Buffer.alloc(size, version.charCodeAt(2)),
});

async function setUp(installed: string, published: Release) {
  const server: ReleaseServer = await startReleaseServer(published);
  cleanup.push(() => server.close());
  const bench: UpdaterBench = updaterBench(installed, server.url);
  cleanup.push(() => bench.close());
  const states: UpdateState[] = [];
  const documents: OpenDocumentState[] = [];
  const updates = new Updates({
    updater: adaptUpdater(bench.updater, () => {}),
    documents: () => documents,
    emit: (name, payload) => {
      if (name === 'updateStateChanged') states.push(payload as UpdateState);
    },
  });
  const downloaded = () =>
    new Promise<UpdateState>((resolve) => {
      const wait = setInterval(() => {
        const last = states.at(-1);
        if (last && ['downloaded', 'failed', 'offline'].includes(last.phase)) {
          clearInterval(wait);
          resolve(last);
        }
      }, 20);
    });
  return { server, bench, states, documents, updates, downloaded };
}

test('a newer version is found and downloaded in the background, its percent rising as the bytes arrive', async () => {
  const published = release('0.2.0');
  const { server, bench, states, updates, downloaded } = await setUp('0.1.0', published);

  expect(await updates.check()).toEqual({ phase: 'available', version: '0.2.0' });
  expect(await downloaded()).toEqual({ phase: 'downloaded', version: '0.2.0' });

  const percents = states.flatMap((state) => (state.phase === 'downloading' ? [state.percent] : []));
  expect(percents.some((percent) => percent > 0 && percent < 100)).toBe(true);
  expect(percents.at(-1)).toBe(100);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  expect(states[0]).toEqual({ phase: 'checking' });
  expect(server.requests).toEqual(['/latest-linux.yml', '/Opus-0.2.0-linux-amd64.deb']);
  // What waits to be installed is the very file the release published.
  const file = (bench.updater as unknown as { installerPath: string }).installerPath;
  expect(sha512Of(readFileSync(file))).toBe(sha512Of(published.artifact));
}, 10_000);

test('the version already running is up to date, and nothing is downloaded', async () => {
  const { server, updates } = await setUp('0.2.0', release('0.2.0'));
  expect(await updates.check()).toEqual({ phase: 'up_to_date', version: '0.2.0' });
  expect(server.requests).toEqual(['/latest-linux.yml']);
});

test('an installer whose sha512 is not the published one fails with a kind, and nothing waits to install', async () => {
  const bad = { ...release('0.2.0'), sha512: sha512Of(Buffer.from('something else')) };
  const { bench, updates, downloaded } = await setUp('0.1.0', bad);
  await updates.check();
  const failed = await downloaded();
  expect(failed).toMatchObject({ phase: 'failed', error: { kind: 'update_failed', generic: false } });
  expect(failed.phase === 'failed' && failed.error.message).toMatch(/checksum/);
  expect(updates.install()).toEqual({ kind: 'not_ready' });
  expect(bench.updater.installs).toEqual([]);
}, 10_000);

test('a release server out of reach is offline, calmly: no failure to report', async () => {
  const { server, updates } = await setUp('0.1.0', release('0.2.0'));
  await server.close();
  expect(await updates.check()).toEqual({ phase: 'offline' });
});

test('the install waits while a document is unsaved or waits to upload, and runs once the user agrees with none', async () => {
  const { bench, documents, updates, downloaded } = await setUp('0.1.0', release('0.2.0', 2000));
  await updates.check();
  await downloaded();

  documents.push({ name: 'notes.txt', phase: 'dirty' }, { name: 'todo.md', phase: 'pending_upload' });
  expect(updates.install()).toEqual({
    kind: 'refused',
    blockers: [
      { name: 'notes.txt', phase: 'dirty' },
      { name: 'todo.md', phase: 'pending_upload' },
    ],
  });
  expect(bench.updater.installs).toEqual([]);

  documents.splice(0, 2, { name: 'notes.txt', phase: 'clean' });
  expect(updates.install()).toEqual({ kind: 'installing', version: '0.2.0' });
  // The installer as people see it, and the new version started afterwards.
  expect(bench.updater.installs).toEqual([{ isSilent: false, isForceRunAfter: true }]);
}, 10_000);

test('a plain quit never installs a downloaded update: only the user’s agreement does', async () => {
  const { bench, updates, downloaded } = await setUp('0.1.0', release('0.2.0', 2000));
  await updates.check();
  await downloaded();
  // electron-updater installs on quit through the app's quit handler, added only when allowed.
  expect(bench.app.quitHandlers).toEqual([]);
  expect(bench.updater.autoInstallOnAppQuit).toBe(false);
}, 10_000);

test('the packaged app looks for its releases on GitHub, and `npm run dist` publishes nothing', async () => {
  const require = createRequire(import.meta.url);
  const { getConfig } = require('app-builder-lib/out/util/config/config') as {
    getConfig(dir: string, file: string, extra: null): Promise<{ publish?: unknown }>;
  };
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const config = await getConfig(root, `${root}electron-builder.yml`, null);
  expect(config.publish).toMatchObject({ provider: 'github', repo: 'opus' });
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.dist).toMatch(/--publish never/);
});
