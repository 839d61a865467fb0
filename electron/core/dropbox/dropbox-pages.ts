import type { DropboxEndpoints } from './endpoints.ts';

const DROPBOX_HOME = 'https://www.dropbox.com/home';

/**
 * Where a file is shown in the browser: its folder on dropbox.com with the file previewed
 * (`/home/<folder>?preview=<name>`, the address Dropbox's own "Open in Dropbox" uses), or localbox's
 * page of the same shape (localbox/routes/home-page.ts). Each segment is escaped on its own, so a name
 * with `?`, `#` or `%` stays a name.
 */
export function dropboxPageUrl(endpoints: DropboxEndpoints, path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  const name = segments.pop() ?? '';
  const folder = segments.map((segment) => `/${encodeURIComponent(segment)}`).join('');
  const home = endpoints.origin ? `${endpoints.origin}/home` : DROPBOX_HOME;
  return `${home}${folder}?preview=${encodeURIComponent(name)}`;
}
