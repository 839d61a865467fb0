import { parentFolder } from '../format.ts';

/** Where a link or image source in a Markdown document points, as the preview treats it. */
export type LinkTarget =
  /** Another file in the same Dropbox: opened in Opus, or (an image) fetched as bytes. */
  | { kind: 'dropbox'; path: string; fragment: string }
  /** A place in this document (`#heading`). */
  | { kind: 'anchor'; fragment: string }
  /** On the web: an image is blocked unless allowed, a link is not followed. */
  | { kind: 'web'; url: string }
  /** `data:` images are inline bytes the CSP already allows. */
  | { kind: 'data'; url: string }
  /** Anything else (`javascript:`, `file:`, `blob:`, …): never followed, never loaded. */
  | { kind: 'none' };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * What `href` in the document at `documentPath` points at. Relative paths resolve against the
 * document's folder (`../notes/a.md` from `/journal/today.md` is `/notes/a.md`), a leading `/` is the
 * Dropbox's root; percent-escapes are decoded, since Markdown writes `my%20notes.md` for a space.
 */
export function resolveLink(href: string, documentPath: string): LinkTarget {
  const text = href.trim();
  if (text === '') return { kind: 'none' };
  if (text.startsWith('#')) return { kind: 'anchor', fragment: decode(text.slice(1)) ?? '' };
  if (text.startsWith('//')) return { kind: 'web', url: `https:${text}` };
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { kind: 'web', url: text };
  if (scheme === 'data') return /^data:image\//i.test(text) ? { kind: 'data', url: text } : { kind: 'none' };
  if (scheme) return { kind: 'none' };
  const hash = text.indexOf('#');
  const fragment = hash < 0 ? '' : (decode(text.slice(hash + 1)) ?? '');
  const withoutHash = hash < 0 ? text : text.slice(0, hash);
  const query = withoutHash.indexOf('?');
  const relative = decode(query < 0 ? withoutHash : withoutHash.slice(0, query));
  if (relative === null) return { kind: 'none' };
  if (relative === '') return { kind: 'anchor', fragment };
  const path = joinPath(relative.startsWith('/') ? '' : parentFolder(documentPath), relative);
  return path ? { kind: 'dropbox', path, fragment } : { kind: 'none' };
}

/** `folder` + `relative`, with `.` and `..` taken out; `..` above the root stays at the root. */
function joinPath(folder: string, relative: string): string {
  const parts: string[] = [];
  for (const part of `${folder}/${relative}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.length ? `/${parts.join('/')}` : '';
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
