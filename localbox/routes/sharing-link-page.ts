import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { baseName } from '../domain/paths.ts';
import { readSmallBody } from '../http/body.ts';
import { sendHtml, sendText } from '../http/respond.ts';
import type { RawRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import { LinkStore, linkPasswordMatches, type SharedLink } from '../store/links.ts';
import { type EntryRow, isLive } from '../store/tree.ts';
import { isExpired, LINK_PREFIX, linkIdOf } from './sharing-link-metadata.ts';

/**
 * A shared link opened in a browser: `/s/<id>/<name>` serves the file's current bytes (`?dl=1` as an
 * attachment). What Dropbox shows as pages, localbox answers briefly: 404 for a revoked link or a
 * deleted item, 410 once expired, a password form (401) for a protected link, 403 for a `no_one`
 * link unless the owner's access token comes along, and 403 for `?dl=1` when downloads are off.
 * Not modelled: Dropbox's preview pages, browsing a folder link (501), team audiences (localbox's
 * account has no team), edit links granting edits (an editor link serves the same bytes).
 */

const PASSWORD_FORM_LIMIT = 8 * 1024;

async function offeredPassword(req: IncomingMessage): Promise<string | undefined> {
  if (req.method !== 'POST') return undefined;
  const body = await readSmallBody(req, PASSWORD_FORM_LIMIT);
  return new URLSearchParams(body?.toString('utf8') ?? '').get('password') ?? undefined;
}

function isOwner(req: IncomingMessage, services: Services): boolean {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization?.trim() ?? '')?.[1];
  return token !== undefined && services.tokens.check(token, services.appKey).ok;
}

function passwordPage(res: ServerResponse, name: string, wrong: boolean): void {
  const escaped = name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  sendHtml(
    res,
    401,
    `<!doctype html><meta charset="utf-8"><title>${escaped}</title>
<p>This link is password protected.${wrong ? ' That password is not right.' : ''}</p>
<form method="post"><input type="password" name="password" autofocus> <button>Open</button></form>`,
  );
}

function writeFileHead(res: ServerResponse, item: EntryRow, attachment: boolean): void {
  const name = encodeURIComponent(baseName(item.path_display));
  res.writeHead(200, {
    // Never sniffed or run: the bytes are the user's, and the consent page shares this origin.
    'Content-Type': 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': `${attachment ? 'attachment' : 'inline'}; filename*=UTF-8''${name}`,
    'Content-Length': String(item.size),
    ETag: `W/"${item.rev}"`,
    // A revoked or expired link must stop working at once, so no cache may answer for it.
    'Cache-Control': 'no-store',
  });
}

export const linkPageRoute: RawRoute = {
  path: LINK_PREFIX,
  methods: ['GET', 'HEAD', 'POST'],
  faultable: false,
  handle: async (req, res, url, services) => {
    const password = await offeredPassword(req);
    req.resume();
    const id = linkIdOf(url.href);
    const link: SharedLink | undefined = id === null ? undefined : new LinkStore(services.db).byId(id);
    const item = link && services.tree.entryById(link.itemId);
    if (!link || !isLive(item))
      return sendText(res, 404, 'This shared link does not exist: it was revoked, or its file was deleted.');
    if (isExpired(link)) return sendText(res, 410, 'This shared link has expired.');
    if (link.audience === 'no_one' && !isOwner(req, services))
      return sendText(res, 403, "This link opens only for its owner (send the owner's access token).");
    if (link.passwordHash && (password === undefined || !linkPasswordMatches(link, password)))
      return passwordPage(res, baseName(item.path_display), password !== undefined);
    if (item.kind !== 'file')
      return sendText(res, 501, 'localbox serves folder links through the API only (sharing/*).');
    const attachment = url.searchParams.get('dl') === '1';
    if (attachment && !link.allowDownload)
      return sendText(res, 403, 'The owner has turned off downloads for this link.');
    writeFileHead(res, item, attachment);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(services.blobs.pathOf(item.content_hash as string));
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  },
};
