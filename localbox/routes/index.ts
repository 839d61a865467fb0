import type { RouteTable } from '../server/handler.ts';
import type { ApiRoute, RawRoute } from '../server/route.ts';
import { controlRoutes } from './control.ts';
import { listRoutes } from './files-list.ts';
import { opsRoutes } from './files-ops.ts';
import { readRoutes } from './files-read.ts';
import { revisionRoutes } from './files-revisions.ts';
import { searchRoutes } from './files-search.ts';
import { uploadRoutes } from './files-upload.ts';
import { oauthRoutes } from './oauth.ts';
import { usersRoutes } from './users.ts';

export function buildRoutes(): RouteTable {
  const api = [
    ...usersRoutes,
    ...uploadRoutes,
    ...readRoutes,
    ...listRoutes,
    ...revisionRoutes,
    ...opsRoutes,
    ...searchRoutes,
  ] as ApiRoute[];
  const raw: RawRoute[] = [...controlRoutes, ...oauthRoutes];
  return {
    api: new Map(api.map((route) => [route.name, route])),
    raw: new Map(raw.map((route) => [route.path, route])),
  };
}
