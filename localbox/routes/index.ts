import type { RouteTable } from '../server/handler.ts';
import type { ApiRoute, RawRoute } from '../server/route.ts';
import { controlRoutes } from './control.ts';
import { usersRoutes } from './users.ts';

export function buildRoutes(): RouteTable {
  const api: ApiRoute[] = [...(usersRoutes as ApiRoute[])];
  const raw: RawRoute[] = [...controlRoutes];
  return {
    api: new Map(api.map((route) => [route.name, route])),
    raw: new Map(raw.map((route) => [route.path, route])),
  };
}
