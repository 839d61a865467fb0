import { isInside, lowerPath } from '../domain/paths.ts';
import { freePath, writeTarget } from '../files/commit.ts';
import { lookupLive } from '../files/lookup.ts';
import { folderMetadata, taggedMetadata } from '../files/metadata.ts';
import { RouteError, tag, type Union, WriteFailure } from '../http/errors.ts';
import { CreateFolderArg, DeleteArg, RelocationArg } from '../schemas/files-args.ts';
import { apiRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import { isLive } from '../store/tree.ts';

/** Runs a write in one transaction and wraps its WriteError in the route's union member. */
export function writing<T>(services: Services, member: string, work: () => T): T {
  try {
    return services.db.transaction(work);
  } catch (error) {
    if (error instanceof WriteFailure) throw new RouteError(tag(member, { [member]: error.reason }));
    throw error;
  }
}

/** A free place for `pathDisplay`: itself, or with " (2)", " (3)"… when autorename allows it. */
export function placeFor(services: Services, pathDisplay: string, autorename: boolean): string {
  const { tree } = services;
  if (tree.fileAncestor(lowerPath(pathDisplay)))
    throw new WriteFailure(tag('conflict', { conflict: tag('file_ancestor') }));
  const current = tree.entry(lowerPath(pathDisplay));
  if (!isLive(current)) return pathDisplay;
  if (!autorename)
    throw new WriteFailure(tag('conflict', { conflict: tag(current.kind === 'folder' ? 'folder' : 'file') }));
  return freePath(services, pathDisplay);
}

export const opsRoutes = [
  apiRoute({
    name: 'files/create_folder_v2',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: CreateFolderArg,
    handle: ({ arg, services }) =>
      writing(services, 'path', () => {
        const place = placeFor(services, writeTarget(services, arg.path), arg.autorename);
        return { metadata: folderMetadata(services.tree.putFolder(place)) };
      }),
  }),
  apiRoute({
    name: 'files/delete_v2',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: DeleteArg,
    handle: ({ arg, services }) =>
      writing(services, 'path_write', () => {
        const row = lookupLive(services, arg.path, 'path_lookup');
        if (arg.parent_rev !== undefined && (row.kind !== 'file' || row.rev !== arg.parent_rev)) {
          throw new WriteFailure(
            tag('conflict', { conflict: tag(row.kind === 'folder' ? 'folder' : 'file') }),
          );
        }
        services.tree.remove(row.path_lower);
        return { metadata: taggedMetadata(row) };
      }),
  }),
  apiRoute({
    name: 'files/move_v2',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: RelocationArg,
    handle: ({ arg, services }) => {
      const from = lookupLive(services, arg.from_path, 'from_lookup');
      let to: string;
      try {
        to = writeTarget(services, arg.to_path);
      } catch (error) {
        if (error instanceof WriteFailure) throw new RouteError(tag('to', { to: error.reason }));
        throw error;
      }
      const toLower = lowerPath(to);
      if (from.kind === 'folder' && isInside(toLower, from.path_lower))
        throw new RouteError(tag('cant_move_folder_into_itself'));
      const fail = (reason: Union) => new RouteError(tag('to', { to: reason }));
      // Dropbox cannot rename by case alone; the target "exists" because it is the source itself.
      if (toLower === from.path_lower)
        throw fail(tag('conflict', { conflict: tag(from.kind === 'folder' ? 'folder' : 'file') }));
      return writing(services, 'to', () => {
        const place = placeFor(services, to, arg.autorename);
        return { metadata: taggedMetadata(services.tree.move(from.path_lower, place)) };
      });
    },
  }),
];
