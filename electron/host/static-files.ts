import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The file under `root` that a URL path names, or null: nothing outside `root` is ever served. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Stryker disable next-line ConditionalExpression: stat() refuses a NUL too, so nothing is served either way
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(join(base, normalize(decoded)));
  // The root itself is a folder, which serveFile never serves: only what lies under it can be a file.
  return file.startsWith(base + sep) ? file : null;
}

export async function serveFile(
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
): Promise<boolean> {
  // Stryker disable next-line ArrowFunction: undefined, like null, is no file
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    'Cache-Control': 'no-cache',
  });
  createReadStream(file).pipe(res);
  return true;
}
