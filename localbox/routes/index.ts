import type { RouteTable } from '../server/handler.ts';
import type { ApiRoute, RawRoute } from '../server/route.ts';
import { checkRoutes } from './check.ts';
import { controlRoutes } from './control.ts';
import { batchRoutes } from './files-batch.ts';
import { copyRoutes } from './files-copy.ts';
import { deprecatedRoutes } from './files-deprecated.ts';
import { listRoutes } from './files-list.ts';
import { opsRoutes } from './files-ops.ts';
import { readRoutes } from './files-read.ts';
import { revisionRoutes } from './files-revisions.ts';
import { searchRoutes } from './files-search.ts';
import { temporaryLinkRawRoute, temporaryLinkRoutes } from './files-temporary-link.ts';
import { thumbnailRoutes } from './files-thumbnails.ts';
import { uploadRoutes } from './files-upload.ts';
import { HOME_PREFIX, homePageRoute } from './home-page.ts';
import { oauthRoutes } from './oauth.ts';
import { LINK_PREFIX } from './sharing-link-metadata.ts';
import { linkPageRoute } from './sharing-link-page.ts';
import { sharingLinkRoutes } from './sharing-links.ts';
import { sharingListRoutes } from './sharing-list.ts';
import { usersRoutes } from './users.ts';

/** Raw routes by exact path; shared-link pages (`/s/<id>/<name>`) and folder pages (`/home/…`) by prefix. */
class RawRoutes extends Map<string, RawRoute> {
  override get(path: string): RawRoute | undefined {
    if (path === HOME_PREFIX || path.startsWith(`${HOME_PREFIX}/`)) return homePageRoute;
    return super.get(path) ?? (path.startsWith(LINK_PREFIX) ? linkPageRoute : undefined);
  }
}

export function buildRoutes(): RouteTable {
  const api = [
    ...usersRoutes,
    ...uploadRoutes,
    ...readRoutes,
    ...listRoutes,
    ...revisionRoutes,
    ...opsRoutes,
    ...searchRoutes,
    ...sharingLinkRoutes,
    ...sharingListRoutes,
    ...checkRoutes,
    ...copyRoutes,
    ...batchRoutes,
    ...deprecatedRoutes,
    ...temporaryLinkRoutes,
    ...thumbnailRoutes,
  ] as ApiRoute[];
  const raw: RawRoute[] = [...controlRoutes, ...oauthRoutes, temporaryLinkRawRoute];
  return {
    api: new Map(api.map((route) => [route.name, route])),
    raw: new RawRoutes(raw.map((route) => [route.path, route])),
  };
}
