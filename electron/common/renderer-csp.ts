// The renderer's Content Security Policy, one for both hosts: Electron's app:// protocol
// (electron/shell/renderer-files.ts) and the browser host (electron/host/server.ts) send it on every
// response. Plain data, no imports, like the rest of what the page and both hosts share here.

/** Each directive and its sources: Monaco needs inline styles and blob workers; nothing else is allowed in. */
const DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'", 'blob:'],
  // blob:: the Markdown preview's images from Dropbox, fetched as bytes (renderer/markdown/preview-images.ts).
  // https:: a web image a document shows once its user allowed them for that document; the preview's
  // sanitizer strips every other web address, and nothing but an image may come from the web.
  'img-src': ["'self'", 'data:', 'blob:', 'https:'],
  'font-src': ["'self'", 'data:'],
  // The browser host's page calls its own /api; Electron's talks over IPC. Dropbox is reached from main.
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export const RENDERER_CSP = Object.entries(DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');
