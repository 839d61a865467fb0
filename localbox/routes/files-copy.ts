import { isInside, lowerPath } from '../domain/paths.ts';
import { writeTarget } from '../files/commit.ts';
import { lookupLive } from '../files/lookup.ts';
import { taggedMetadata } from '../files/metadata.ts';
import { RouteError, tag, WriteFailure } from '../http/errors.ts';
import { RelocationArg } from '../schemas/files-args.ts';
import { apiRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import type { EntryRow } from '../store/tree.ts';
import { placeFor, writing } from './files-ops.ts';

export interface CopyRequest {
  from_path: string;
  to_path: string;
  autorename: boolean;
}

/**
 * Copies a file or a folder with everything in it; the copies get new ids and revs, and share the
 * originals' blobs (blobs are named by content). Throws a RouteError holding a RelocationError.
 */
export function copyEntry(services: Services, request: CopyRequest): EntryRow {
  const from = lookupLive(services, request.from_path, 'from_lookup');
  let to: string;
  try {
    to = writeTarget(services, request.to_path);
  } catch (error) {
    if (error instanceof WriteFailure) throw new RouteError(tag('to', { to: error.reason }));
    throw error;
  }
  // A folder copied into itself would never end; Dropbox names it a nested path.
  if (from.kind === 'folder' && isInside(lowerPath(to), from.path_lower))
    throw new RouteError(tag('duplicated_or_nested_paths'));
  return writing(services, 'to', () => {
    const { tree } = services;
    const rows = tree.subtree(from.path_lower);
    const bytes = rows.reduce((sum, row) => sum + (row.size ?? 0), 0);
    if (tree.usedBytes() + bytes > services.config.quotaBytes)
      throw new RouteError(tag('insufficient_quota'));
    const place = placeFor(services, to, request.autorename);
    let top: EntryRow | undefined;
    for (const row of rows) {
      const display = place + row.path_display.slice(from.path_display.length);
      const copy =
        row.kind === 'file'
          ? tree.putFile({
              pathDisplay: display,
              contentHash: row.content_hash ?? '',
              size: row.size ?? 0,
              clientModified: row.client_modified ?? undefined,
            })
          : tree.putFolder(display);
      top ??= copy;
    }
    return top as EntryRow;
  });
}

export const copyRoutes = [
  apiRoute({
    name: 'files/copy_v2',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: RelocationArg,
    handle: ({ arg, services }) => ({ metadata: taggedMetadata(copyEntry(services, arg)) }),
  }),
];
