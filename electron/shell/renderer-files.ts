import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RENDERER_CSP } from '../common/renderer-csp.ts';
import { APP_HOST } from './window-options.ts';

/** app:// is a secure, standard origin. Never `bypassCSP`: the CSP header is the renderer's fence. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

/** Reads a file:// URL (Electron's net.fetch in the app; a plain reader in tests). */
export type FetchFile = (fileUrl: string) => Promise<Response>;

/** Every response, a 404 too, carries the CSP: a page must never load without it. */
function withPolicy(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', RENDERER_CSP);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}

const notFound = () => withPolicy(new Response('Not found', { status: 404 }));

/** The file an app://opus URL names, or null when it is not one inside the renderer folder. */
function fileFor(root: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    const url = new URL(requestUrl);
    if (url.host !== APP_HOST) return null;
    pathname = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return null; // not a URL, or malformed %-encoding
  }
  const file = resolve(join(root, normalize(pathname)));
  return file.startsWith(root + sep) ? file : null;
}

/** Serves the built renderer at app://opus/, never anything outside its folder. */
export function rendererRequestHandler(
  rendererDir: string,
  fetchFile: FetchFile,
): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    const file = fileFor(root, request.url);
    if (file === null) return notFound();
    try {
      return withPolicy(await fetchFile(pathToFileURL(file).toString()));
    } catch {
      return notFound();
    }
  };
}
