// What `npm start` decides before it runs anything, and the lines it says about it: kept apart from
// start.mjs (which builds and runs) so that start-plan.test.ts can check every sentence.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The oldest Node this repository's whole test suite runs on (the CI machines' and these development
 * machines' Node). The dependencies ask for more (package.json `engines`); see README, "Node".
 */
export const TESTED_NODE = '20.19.0';

const parts = (version) => version.replace(/^v/, '').split('.').map(Number);

/** Whether `version` is at least `floor` (both plain x.y.z, a leading "v" allowed). */
export function atLeast(version, floor) {
  const [a, b] = [parts(version), parts(floor)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** The minimum in an `engines.node` range like ">=22.12" (the only form package.json uses). */
export const engineFloor = (range) => /(\d+(?:\.\d+){0,2})/.exec(range)?.[1] ?? '0.0.0';

/**
 * Node's version against what Opus needs: `required` (engines, what the dependencies declare) and
 * TESTED_NODE. Below the tested floor Opus cannot start; between the two it runs, with a warning.
 */
export function nodeCheck(version, required) {
  const have = version.replace(/^v/, '');
  if (atLeast(have, required)) return { ok: true, line: null };
  if (!atLeast(have, TESTED_NODE))
    return {
      ok: false,
      line: `Opus needs Node ${required} or later, and this is Node ${have}. Install a newer Node and run npm start again.`,
    };
  return {
    ok: true,
    line: `Note: Opus's dependencies ask for Node ${required} or later; this is Node ${have}, on which its tests pass, so it starts anyway.`,
  };
}

/** The first line of a failed download's output that says what went wrong, without the stack. */
function reasonOf(output) {
  const lines = output.split('\n').map((line) => line.trim());
  const error = lines.find((line) => /^[A-Za-z]*Error\b/.test(line)) ?? lines.find((line) => line !== '');
  return (error ?? 'no reason given').replace(/^[A-Za-z]*Error:\s*/, '').slice(0, 160);
}

/**
 * The Electron binary's path, or why there is none. Where it is missing, `download` runs Electron's
 * own installer (what requiring `electron` would do) with its output kept: offline, @electron/get
 * prints a stack trace, and the person at the terminal gets one sentence instead.
 */
export function findElectron(electronDir, { download }) {
  const binary = () => {
    const pathFile = join(electronDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const path = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(path) ? path : null;
  };
  const found = binary();
  if (found) return { path: found };
  if (!download) return { why: 'its binary was never downloaded: node_modules/electron/path.txt is missing' };
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return { why: 'the electron package is not installed; run npm install' };
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 5 * 60_000 });
  const downloaded = result.status === 0 ? binary() : null;
  if (downloaded) return { path: downloaded };
  const reason = reasonOf(`${result.stderr ?? ''}\n${result.stdout ?? ''}`);
  return { why: `its binary is not installed, and downloading it failed with "${reason}"` };
}

/** What `npm start` says when it falls back to the browser: why, and where that copy keeps its data. */
export function fallbackLines(why, dataDir) {
  return [
    `Electron is not available here: ${why}. Opus starts in your browser instead.`,
    `The browser version keeps its data (settings, sign-in, unsaved text, the embedded localbox's files) in ${dataDir}: its own folder, not the desktop app's profile.`,
  ];
}
