import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundleBrowser } from '../../scripts/build-node.mjs';
import { type BrowserHost, startBrowserHost } from './server.ts';
import { resolveStatic } from './static-files.ts';
import { smallCore } from './test-support/browser-host.ts';

/** What a built renderer holds, each kind with the type a browser needs to run or show it. */
const SERVED: Record<string, string> = {
  'page.html': 'text/html; charset=utf-8',
  'assets/app.js': 'text/javascript; charset=utf-8',
  'assets/worker.mjs': 'text/javascript; charset=utf-8',
  'assets/app.css': 'text/css; charset=utf-8',
  'assets/strings.json': 'application/json',
  'assets/logo.svg': 'image/svg+xml',
  'assets/icon.png': 'image/png',
  'favicon.ico': 'image/x-icon',
  'assets/codicon.ttf': 'font/ttf',
  'assets/inter.woff2': 'font/woff2',
  'assets/app.js.map': 'application/json',
  'assets/blob.bin': 'application/octet-stream',
};

let dir: string;
let host: BrowserHost;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opus-static-'));
  mkdirSync(join(dir, 'assets'));
  for (const name of Object.keys(SERVED)) writeFileSync(join(dir, name), `bytes of ${name}`);
  const [bridgeFile] = await bundleBrowser();
  host = await startBrowserHost({ core: smallCore(), rendererDir: dir, bridgeFile: bridgeFile as string });
});
afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('each file of the renderer is served with its type, its length, and no-cache so an update shows', async () => {
  for (const [name, type] of Object.entries(SERVED)) {
    const answer = await fetch(`${host.origin}/${name}`);
    expect(answer.status, name).toBe(200);
    expect(answer.headers.get('content-type'), name).toBe(type);
    expect(answer.headers.get('cache-control'), name).toBe('no-cache');
    expect(await answer.text(), name).toBe(`bytes of ${name}`);
    expect(answer.headers.get('content-length'), name).toBe(String(`bytes of ${name}`.length));
  }
});

test('a path that climbs out of the renderer folder names no file, with or without its leading slash', () => {
  // The server always passes a URL path (leading slash, which normalize() keeps at the root); the guard
  // is what holds for any other caller.
  for (const path of ['../secret.txt', 'assets/../../secret.txt', '..%2fsecret.txt', '%2e%2e/secret.txt'])
    expect(resolveStatic(dir, path), path).toBeNull();
  expect(resolveStatic(dir, '/assets/app.css')).toBe(join(dir, 'assets', 'app.css'));
});
