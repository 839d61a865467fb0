import type { IncomingMessage } from 'node:http';
import { baseName, lowerPath } from '../domain/paths.ts';
import { dropboxTimestamp } from '../domain/time.ts';
import { RouteError, tag } from '../http/errors.ts';
import type { Services } from '../server/services.ts';
import { type LinkSettings, LinkStore, linkPasswordMatches, type SharedLink } from '../store/links.ts';
import { type EntryRow, isLive } from '../store/tree.ts';

/**
 * Link URLs are localbox's own: `<origin>/s/<link id>/<name>?dl=0`, served by sharing-link-page.ts.
 * The origin is the one the caller reached localbox by, so a link handed out keeps working from that
 * client; an incoming URL is known by its id alone, as its host and name may have changed since (a new
 * port after a restart, a rename).
 */
export const LINK_PREFIX = '/s/';
const LINK_ID = /^\/s\/([A-Za-z0-9_-]{22})(?:\/|$)/;

export function requestOrigin(req: IncomingMessage): string {
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  return `http://${host}`;
}

export function linkUrl(origin: string, link: SharedLink, item: EntryRow): string {
  return `${origin}${LINK_PREFIX}${link.id}/${encodeURIComponent(baseName(item.path_display))}?dl=0`;
}

/** The link id a URL names, or null when it is no link of ours (revoke calls that shared_link_malformed). */
export function linkIdOf(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  return LINK_ID.exec(pathname)?.[1] ?? null;
}

export const isExpired = (link: LinkSettings, now = Date.now()) =>
  link.expires !== null && link.expires <= dropboxTimestamp(now);

export const linkError = (reason: string) => new RouteError(tag(reason));

export interface LiveLink {
  link: SharedLink;
  /** The linked file or folder where it is now. */
  item: EntryRow;
}

/**
 * The link a URL names with its item, or shared_link_not_found. An expired link is disabled, as
 * Dropbox's are ("once the link expires, you need to create a new link"), and so is one whose item was
 * deleted; a restored file keeps its id, so its link works again.
 */
export function findLink(services: Services, url: string, now = Date.now()): LiveLink {
  const id = linkIdOf(url);
  const link = id === null ? undefined : new LinkStore(services.db).byId(id);
  const item = link && services.tree.entryById(link.itemId);
  if (!link || !isLive(item) || isExpired(link, now)) throw linkError('shared_link_not_found');
  return { link, item };
}

/**
 * What a link reaches, given the optional path inside a folder link and link password. The API's
 * caller is the link's owner, who may open it without the password; a wrong one is still refused.
 */
export function reachThrough(
  services: Services,
  { link, item }: LiveLink,
  path: string | undefined,
  password: string | undefined,
): EntryRow {
  if (password !== undefined && !linkPasswordMatches(link, password))
    throw linkError('shared_link_access_denied');
  if (path === undefined) return item;
  if (item.kind !== 'folder') throw linkError('shared_link_not_found');
  const inside = services.tree.entry(lowerPath(`${item.path_lower}${path}`));
  if (!isLive(inside)) throw linkError('shared_link_not_found');
  return inside;
}

const visibilityOf = (link: LinkSettings) =>
  link.audience === 'no_one' ? 'no_one' : link.passwordHash ? 'password' : 'public';

/** LinkPermissions as the owner of a personal account sees them: no team, every personal control. */
export function linkPermissions(link: SharedLink) {
  const visibility = visibilityOf(link);
  const noTeam = { allowed: false, disallowed_reason: tag('user_not_on_team') };
  return {
    resolved_visibility: tag(visibility),
    ...(visibility === 'no_one' ? {} : { requested_visibility: tag(visibility) }),
    can_revoke: true,
    visibility_policies: [
      { policy: tag('public'), resolved_policy: tag('public'), allowed: true },
      { policy: tag('team_only'), resolved_policy: tag('team_only'), ...noTeam },
      { policy: tag('password'), resolved_policy: tag('password'), allowed: true },
    ],
    can_set_expiry: true,
    can_remove_expiry: true,
    allow_download: link.allowDownload,
    can_allow_download: true,
    can_disallow_download: true,
    allow_comments: true,
    team_restricts_comments: false,
    audience_options: [
      { audience: tag('public'), allowed: true },
      { audience: tag('team'), ...noTeam },
      { audience: tag('no_one'), allowed: true },
    ],
    can_set_password: true,
    can_remove_password: true,
    require_password: link.passwordHash !== null,
    can_use_extended_sharing_controls: false,
    effective_audience: tag(link.audience),
    link_access_level: tag(link.access),
  };
}

/** FileLinkMetadata or FolderLinkMetadata, tagged, for `item` reached through `link`. */
export function linkMetadata(origin: string, { link, item }: LiveLink, reached: EntryRow = item) {
  const common = {
    url: linkUrl(origin, link, item),
    id: reached.id as string,
    name: baseName(reached.path_display),
    ...(link.expires ? { expires: link.expires } : {}),
    path_lower: reached.path_lower,
    link_permissions: linkPermissions(link),
  };
  if (reached.kind !== 'file') return { '.tag': 'folder', ...common };
  return {
    '.tag': 'file',
    ...common,
    client_modified: reached.client_modified as string,
    server_modified: reached.server_modified as string,
    rev: reached.rev as string,
    size: reached.size as number,
  };
}
