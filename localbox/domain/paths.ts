/**
 * Dropbox paths: "" is the root, everything else starts with "/" and never ends with "/".
 * Lookups are case-insensitive (path_lower), display keeps the casing first seen (path_display).
 */

export function lowerPath(path: string): string {
  return path.toLowerCase();
}

/** "/a/b" → "/a", "/a" → "": every path but the root starts with "/", and the root's slice is "" too. */
export function parentPath(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(folder: string, name: string): string {
  return `${folder}/${name}`;
}

/** Every proper ancestor of a path, nearest to the root first, without the root itself. */
export function ancestors(path: string): string[] {
  const parts = path.split('/').slice(1, -1);
  const out: string[] = [];
  let acc = '';
  for (const part of parts) {
    acc = `${acc}/${part}`;
    out.push(acc);
  }
  return out;
}

/** Whether `path` lies under `folder` (a folder's own path, never the root: the root is no entry). */
export function isInside(path: string, folder: string): boolean {
  return path.startsWith(`${folder}/`);
}

/** Dropbox refuses longer names; without the limit a path could outgrow the Dropbox-API-Result header. */
export const MAX_NAME_LENGTH = 255;
/**
 * localbox's own limit on a whole path: the download's Dropbox-API-Result carries the path three times,
 * \u-escaped, and must stay under the 16 KiB header limit of Node's HTTP clients.
 */
export const MAX_PATH_LENGTH = 1000;

/**
 * Why a write path is not acceptable to Dropbox beyond the pattern check, or null if it is fine.
 * A trailing slash, an empty or dot component, or trailing whitespace is `malformed_path` (409), not a 400.
 */
export function malformedReason(path: string): string | null {
  if (path.length > MAX_PATH_LENGTH) return `A path cannot be longer than ${MAX_PATH_LENGTH} characters`;
  if (/\s$/.test(path)) return 'Path cannot end with whitespace';
  for (const part of path.split('/').slice(1)) {
    // A trailing slash ("/a/") leaves an empty last component, so it is refused here too.
    if (part === '') return 'Path cannot contain an empty component';
    if (part === '.' || part === '..') return 'Path cannot contain "." or ".." components';
    if (part.length > MAX_NAME_LENGTH) return `A name cannot be longer than ${MAX_NAME_LENGTH} characters`;
  }
  if (path.includes('\0')) return 'Path cannot contain a NUL character';
  return null;
}

/** Names the desktop client refuses to sync; the API answers `disallowed_name` for them. */
export function isDisallowedName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'desktop.ini' ||
    lower === 'thumbs.db' ||
    lower === '.ds_store' ||
    // Stryker disable next-line ConditionalExpression,StringLiteral: "Icon\r" ends with whitespace, which malformedReason refuses first
    lower === 'icon\r' ||
    lower.startsWith('.dropbox')
  );
}

/** "doc.txt" + " (2)" → "doc (2).txt": the suffix goes before the extension, as Dropbox does. */
export function withSuffix(path: string, suffix: string): string {
  const folder = parentPath(path);
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  const renamed = dot > 0 ? `${name.slice(0, dot)}${suffix}${name.slice(dot)}` : `${name}${suffix}`;
  return joinPath(folder, renamed);
}
