import { ancestors } from '../domain/paths.ts';
import { dropboxTimestamp } from '../domain/time.ts';
import { lookupLive } from '../files/lookup.ts';
import { BadRequest, RouteError, tag } from '../http/errors.ts';
import { ListSharedLinksArg } from '../schemas/sharing-args.ts';
import { apiRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import { LinkStore } from '../store/links.ts';
import { type EntryRow, isLive } from '../store/tree.ts';
import { isExpired, linkMetadata, requestOrigin } from './sharing-link-metadata.ts';

const ROUTE = 'sharing/list_shared_links';
/** Links per page when listing them all; Dropbox does not document its own page size. */
export const LINKS_PAGE_SIZE = 200;
const CURSOR_PREFIX = 'SLC';

// The cursor names this data folder (so one from another is `reset`, not misread) and the last link seen.
const encodeCursor = (epoch: string, seq: number) =>
  `${CURSOR_PREFIX}${Buffer.from(JSON.stringify({ e: epoch, s: seq })).toString('base64url')}`;

function decodeCursor(cursor: string, epoch: string): number {
  let state: { e?: unknown; s?: unknown } = {};
  try {
    if (cursor.startsWith(CURSOR_PREFIX))
      state = JSON.parse(Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'));
  } catch {}
  if (typeof state.e !== 'string' || !Number.isSafeInteger(state.s)) {
    throw new BadRequest(
      `Error in call to API function "${ROUTE}": Invalid "cursor" parameter: ${JSON.stringify(cursor.slice(0, 40))}`,
    );
  }
  if (state.e !== epoch) throw new RouteError(tag('reset'));
  return state.s as number;
}

/** Every working link, a page at a time, oldest first. */
function allLinks(services: Services, origin: string, afterSeq: number) {
  const rows = new LinkStore(services.db).pageOfLive(afterSeq, LINKS_PAGE_SIZE + 1, dropboxTimestamp());
  const page = rows.slice(0, LINKS_PAGE_SIZE);
  const links = page.map((link) => {
    const item = services.tree.entryById(link.itemId) as EntryRow;
    return linkMetadata(origin, { link, item });
  });
  const last = page.at(-1)?.seq ?? afterSeq;
  return { links, has_more: rows.length > LINKS_PAGE_SIZE, cursor: encodeCursor(services.epoch, last) };
}

/** The links that reach one item: its own, then (unless `directOnly`) its folders', nearest first. */
function linksTo(services: Services, origin: string, item: EntryRow, directOnly: boolean) {
  const folders = directOnly
    ? []
    : ancestors(item.path_lower)
        .reverse()
        .map((path) => services.tree.entry(path))
        .filter(isLive);
  const store = new LinkStore(services.db);
  const links = [item, ...folders].flatMap((reaching) =>
    store
      .forItem(reaching.id as string)
      .filter((link) => !isExpired(link))
      .map((link) => linkMetadata(origin, { link, item: reaching })),
  );
  return { links, has_more: false };
}

export const sharingListRoutes = [
  apiRoute({
    name: ROUTE,
    style: 'rpc',
    auth: 'user',
    scope: 'sharing.read',
    arg: ListSharedLinksArg,
    handle: ({ arg, services, req }) => {
      const origin = requestOrigin(req);
      if (arg.cursor !== undefined)
        return allLinks(services, origin, decodeCursor(arg.cursor, services.epoch));
      if (arg.path === undefined) return allLinks(services, origin, 0);
      const item = lookupLive(services, arg.path, 'path');
      return linksTo(services, origin, item, arg.direct_only ?? false);
    },
  }),
];
