// Electron's entry: the real Electron and the app's folders, handed to the shell (start-shell.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { bootOpus } from '../core/wiring/boot.ts';
import { electronKeyValueStore } from './settings-store.ts';
import { startShell } from './start-shell.ts';
import { shellUpdater } from './updates.ts';

startShell(electron, {
  outDir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  openStore: () => electronKeyValueStore(),
  boot: bootOpus,
  env: process.env,
  argv: process.argv,
  updater: shellUpdater,
  platform: process.platform,
  stderr: (line) => process.stderr.write(`${line}\n`),
});
