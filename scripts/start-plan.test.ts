import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { atLeast, engineFloor, fallbackLines, findElectron, nodeCheck, TESTED_NODE } from './start-plan.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A node_modules/electron whose installer does what `install` says. */
function electronPackage(install: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'opus-start-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'install.js'), install);
  return dir;
}

describe('where the Electron binary is missing', () => {
  test('a failed download is one sentence with its reason, never a stack trace', () => {
    const dir = electronPackage(
      "console.log('Downloading Electron binary...');\n" + "throw new TypeError('fetch failed');\n",
    );
    const found = findElectron(dir, { download: true });
    expect(found.path).toBeUndefined();
    expect(found.why).toBe('its binary is not installed, and downloading it failed with "fetch failed"');
    const [first] = fallbackLines(found.why ?? '', '/home/ada/.opus-web');
    expect(first).toBe(
      'Electron is not available here: its binary is not installed, and downloading it failed with ' +
        '"fetch failed". Opus starts in your browser instead.',
    );
    expect(first).not.toMatch(/\n|\bat /);
  });

  test('a download that works gives the binary', () => {
    const dir = electronPackage(
      "const { mkdirSync, writeFileSync } = require('node:fs');\n" +
        "mkdirSync(__dirname + '/dist');\n" +
        "writeFileSync(__dirname + '/dist/electron', '');\n" +
        "writeFileSync(__dirname + '/path.txt', 'electron');\n",
    );
    writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}');
    expect(findElectron(dir, { download: true })).toEqual({ path: join(dir, 'dist', 'electron') });
  });

  test('an installed binary is used without downloading anything', () => {
    const dir = electronPackage("throw new Error('must not run');\n");
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectron(dir, { download: true })).toEqual({ path: join(dir, 'dist', 'electron') });
  });

  test('the browser fallback says where its data is kept, and that it is not the desktop profile', () => {
    const [, data] = fallbackLines('why', '/home/ada/.opus-web');
    expect(data).toBe(
      "The browser version keeps its data (settings, sign-in, unsaved text, the embedded localbox's files) " +
        "in /home/ada/.opus-web: its own folder, not the desktop app's profile.",
    );
  });
});

describe("Node's version", () => {
  test('the required version is the floor of package.json engines', () => {
    expect(engineFloor('>=22.12')).toBe('22.12');
    expect(atLeast('v22.12.0', '22.12')).toBe(true);
    expect(atLeast('22.11.9', '22.12')).toBe(false);
    expect(atLeast('23.0.0', '22.12.0')).toBe(true);
  });

  test('what the dependencies ask for, or newer, starts without a word', () => {
    expect(nodeCheck('v22.12.0', '22.12')).toEqual({ ok: true, line: null });
  });

  test('an older Node the tests pass on starts, with one line saying so', () => {
    expect(nodeCheck('v20.20.2', '22.12')).toEqual({
      ok: true,
      line: "Note: Opus's dependencies ask for Node 22.12 or later; this is Node 20.20.2, on which its tests pass, so it starts anyway.",
    });
    expect(atLeast(TESTED_NODE, '20.19')).toBe(true);
  });

  test('a Node older than any tested one stops with what to do', () => {
    expect(nodeCheck('v18.20.0', '22.12')).toEqual({
      ok: false,
      line: 'Opus needs Node 22.12 or later, and this is Node 18.20.0. Install a newer Node and run npm start again.',
    });
  });
});
