import { escapeHtml } from '../auth/consent-page.ts';
import { baseName, lowerPath, malformedReason } from '../domain/paths.ts';
import { sendHtml, sendText } from '../http/respond.ts';
import type { RawRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import { type EntryRow, isLive } from '../store/tree.ts';

/**
 * A folder as a person sees it in the browser: `/home/<folder>?preview=<name>`, the shape of Dropbox's
 * own page (Opus's Show in Dropbox opens it, electron/core/dropbox/dropbox-pages.ts). It lists names,
 * folders first, and marks the previewed file; it never serves a file's bytes, so it needs no token:
 * what it shows is what localbox's consent page already lets anyone at this address grant. Other
 * origins cannot read it: no CORS, no framing (sendHtml's CSP), and the Gate refuses a foreign Host, so
 * a rebound DNS name does not reach it either.
 */

export const HOME_PREFIX = '/home';
/** The top folder's name, as Dropbox's site calls it. */
const TOP = 'All files';
/** A page shows this many entries; a bigger folder says how many more there are. */
const SHOWN = 1000;

const STYLE = `
:root{color-scheme:light dark;--bg:#f7f5f2;--card:#fff;--line:#e6e2dd;--muted:#6a625b;--mark:#e5efff;--accent:#0061fe}
@media (prefers-color-scheme:dark){:root{--bg:#1b1a19;--card:#252423;--line:#3b3936;--muted:#b4ada6;--mark:#12305f;--accent:#7fb0ff}}
body{margin:0;padding:32px 16px;background:var(--bg);font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:720px;margin:0 auto;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:24px}
h1{font-size:19px;margin:0 0 4px;overflow-wrap:anywhere}
nav{color:var(--muted);font-size:13px;margin-bottom:16px;overflow-wrap:anywhere}
a{color:var(--accent)}
ul{list-style:none;margin:0;padding:0}
li{display:flex;gap:12px;padding:8px 10px;border-top:1px solid var(--line);overflow-wrap:anywhere}
li span.size{margin-left:auto;color:var(--muted);font-size:13px;white-space:nowrap}
li[aria-current]{background:var(--mark);border-radius:6px;font-weight:600}
p{color:var(--muted)}
`;

/** "/home/Notes/a%20b" → "/Notes/a b"; null when it is no path localbox could hold. */
function folderOf(pathname: string): string | null {
  try {
    const rest = decodeURIComponent(pathname.slice(HOME_PREFIX.length)).replace(/\/+$/, '');
    return rest === '' || !malformedReason(rest) ? rest : null;
  } catch {
    return null;
  }
}

const homeHref = (path: string) =>
  `${HOME_PREFIX}${path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => `/${encodeURIComponent(part)}`)
    .join('')}`;

function crumbs(folder: string): string {
  const parts = folder.split('/').filter((part) => part !== '');
  const links = parts.map((part, i) => {
    const path = `/${parts.slice(0, i + 1).join('/')}`;
    return ` / <a href="${escapeHtml(homeHref(path))}">${escapeHtml(part)}</a>`;
  });
  return `<nav aria-label="Folders"><a href="${HOME_PREFIX}">${TOP}</a>${links.join('')}</nav>`;
}

function row(entry: EntryRow, preview: string | null): string {
  const name = baseName(entry.path_display);
  const current = preview !== null && lowerPath(name) === lowerPath(preview) ? ' aria-current="true"' : '';
  const label =
    entry.kind === 'folder'
      ? `<a href="${escapeHtml(homeHref(entry.path_display))}">${escapeHtml(name)}/</a>`
      : escapeHtml(name);
  const bytes = entry.size ?? 0;
  const size =
    entry.kind === 'file' ? `<span class="size">${bytes} byte${bytes === 1 ? '' : 's'}</span>` : '';
  return `<li${current}>${label}${size}</li>`;
}

function page(folder: string, entries: EntryRow[], preview: string | null): string {
  const title = folder === '' ? TOP : baseName(folder);
  const shown = [...entries]
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'folder' ? -1 : 1))
    .slice(0, SHOWN);
  const more = entries.length > SHOWN ? `<p>and ${entries.length - SHOWN} more</p>` : '';
  const list = shown.length
    ? `<ul>${shown.map((e) => row(e, preview)).join('')}</ul>`
    : '<p>This folder is empty.</p>';
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)} — localbox</title><style>${STYLE}</style>
<main><h1>${escapeHtml(title)}</h1>${crumbs(folder)}${list}${more}</main></html>`;
}

export const homePageRoute: RawRoute = {
  path: HOME_PREFIX,
  methods: ['GET', 'HEAD'],
  faultable: false,
  handle: (req, res, url, services: Services) => {
    req.resume();
    const folder = folderOf(url.pathname);
    const row = folder ? services.tree.entry(lowerPath(folder)) : undefined;
    if (folder === null || (folder !== '' && (!isLive(row) || row.kind !== 'folder')))
      return sendText(res, 404, 'No folder is there in this localbox.');
    const entries = services.tree.listPage(lowerPath(folder), false, false, '', SHOWN + 1);
    sendHtml(res, 200, page(row?.path_display ?? '', entries, url.searchParams.get('preview')), {
      'Referrer-Policy': 'no-referrer',
    });
  },
};
