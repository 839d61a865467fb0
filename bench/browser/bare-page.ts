import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import { ROOT } from '../../e2e/test-support/child-process.ts';
import { OUT } from './browser-kit.ts';

const SOURCE = join(ROOT, 'bench', 'browser', 'bare-monaco');
const BUILT = join(OUT, 'bench-bare-monaco');

/** What the bare page is made of: when none is newer than the build, the build is reused. */
const INPUTS = [
  join(SOURCE, 'index.html'),
  join(SOURCE, 'main.ts'),
  join(ROOT, 'renderer', 'editor', 'monaco.ts'),
  join(ROOT, 'renderer', 'editor', 'json-language.ts'),
  join(ROOT, 'node_modules', 'monaco-editor', 'package.json'),
];

let building: Promise<string> | null = null;

/** The bare Monaco page, built by Vite as the renderer is (relative base, ES workers), once. */
export function bareMonacoPage(): Promise<string> {
  building ??= buildIfStale().catch((error) => {
    building = null;
    throw error;
  });
  return building;
}

async function buildIfStale(): Promise<string> {
  const index = join(BUILT, 'index.html');
  const newest = Math.max(...INPUTS.map((file) => statSync(file).mtimeMs));
  if (existsSync(index) && statSync(index).mtimeMs > newest) return BUILT;
  await build({
    root: SOURCE,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: BUILT,
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 4096,
      modulePreload: { polyfill: false },
    },
    worker: { format: 'es' },
  });
  return BUILT;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export interface BareServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the bare page and `texts` (as texts/doc-<i>.txt) over loopback HTTP as the browser host serves
 * Opus: its caching (`no-cache`, no validators), so both sides pay the same for every byte, and its
 * Cross-Origin-Opener-Policy. That header puts the page in a new browsing context group, so Chromium
 * swaps the tab's process on the navigation: about 25 ms measured on the bare page alone. A user opening
 * either page from another site's tab pays a new process anyway; only a tab's first about:blank would let
 * a page without the header skip it, and the baseline must not skip a step Opus's page cannot.
 */
export async function serveBareMonaco(texts: readonly string[]): Promise<BareServer> {
  const dir = await bareMonacoPage();
  const bodies = texts.map((text) => Buffer.from(text, 'utf8'));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const text = /^\/texts\/doc-(\d+)\.txt$/.exec(path);
    if (text) return send(res, '.txt', bodies[Number(text[1])]);
    const file = join(dir, normalize(path === '/' ? '/index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile())
      return send(res, '', undefined);
    res.writeHead(200, headers(extname(file), statSync(file).size));
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function headers(extension: string, size: number): Record<string, string> {
  return {
    'Content-Type': TYPES[extension] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'Cache-Control': 'no-cache',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

function send(res: ServerResponse, extension: string, body: Buffer | undefined): void {
  if (!body) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return void res.end('Not found.');
  }
  res.writeHead(200, headers(extension, body.length));
  res.end(body);
}
