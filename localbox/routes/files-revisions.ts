import { lowerPath } from '../domain/paths.ts';
import { writeTarget } from '../files/commit.ts';
import { lookup, lookupError } from '../files/lookup.ts';
import { fileMetadata } from '../files/metadata.ts';
import { RouteError, tag, WriteFailure } from '../http/errors.ts';
import { ListRevisionsArg, RestoreArg } from '../schemas/files-args.ts';
import { apiRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import { type EntryRow, isFile, isLive, type RevisionRow } from '../store/tree.ts';

/** The entry whose history is asked for: a file, live or deleted. */
function historyOf(services: Services, path: string): EntryRow {
  const target = lookup(services, path);
  if (target.kind === 'entry' && target.row.kind !== 'folder') return target.row;
  if (target.kind === 'entry' || target.kind === 'root') throw lookupError('path', tag('not_file'));
  throw lookupError('path', tag('not_found'));
}

export const revisionRoutes = [
  apiRoute({
    name: 'files/list_revisions',
    style: 'rpc',
    auth: 'user',
    scope: 'files.metadata.read',
    arg: ListRevisionsArg,
    handle: ({ arg, services }) => {
      const { tree } = services;
      // The spec: "before_rev … Only supported in path mode."
      if (arg.before_rev && arg.mode['.tag'] === 'id') throw new RouteError(tag('before_rev_not_supported'));
      const entry = historyOf(services, arg.path);
      let beforeSeq = Number.MAX_SAFE_INTEGER;
      if (arg.before_rev) {
        const before = tree.revision(arg.before_rev);
        if (!before || before.path_lower !== entry.path_lower)
          throw new RouteError(tag('invalid_before_rev'));
        beforeSeq = before.seq;
      }
      const byId = arg.mode['.tag'] === 'id';
      let rows: RevisionRow[];
      if (byId) {
        const fileId =
          entry.id ?? tree.revisionsByPath(entry.path_lower, Number.MAX_SAFE_INTEGER, 1)[0]?.file_id ?? '';
        rows = tree.revisionsById(fileId, beforeSeq, arg.limit + 1);
      } else {
        rows = tree.revisionsByPath(entry.path_lower, beforeSeq, arg.limit + 1);
      }
      const deleted = entry.kind === 'deleted';
      return {
        is_deleted: deleted,
        ...(deleted && entry.deleted_at ? { server_deleted: entry.deleted_at } : {}),
        entries: rows.slice(0, arg.limit).map(fileMetadata),
        has_more: rows.length > arg.limit,
      };
    },
  }),
  apiRoute({
    name: 'files/restore',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: RestoreArg,
    handle: ({ arg, services }) => {
      const { tree, db } = services;
      const revision = tree.revision(arg.rev);
      if (!revision) throw new RouteError(tag('invalid_revision'));
      try {
        return db.transaction(() => {
          const pathDisplay = writeTarget(services, arg.path);
          if (tree.fileAncestor(lowerPath(pathDisplay)))
            throw new WriteFailure(tag('conflict', { conflict: tag('file_ancestor') }));
          const current = tree.entry(lowerPath(pathDisplay));
          if (isLive(current) && current.kind === 'folder')
            throw new WriteFailure(tag('conflict', { conflict: tag('folder') }));
          const replaced = isFile(current) ? current.size : 0;
          if (tree.usedBytes() - replaced + revision.size > services.config.quotaBytes)
            throw new WriteFailure(tag('insufficient_space'));
          const row = tree.putFile({
            pathDisplay,
            contentHash: revision.content_hash,
            size: revision.size,
            clientModified: revision.client_modified,
            fileId: isFile(current) ? current.id : revision.file_id,
          });
          return fileMetadata(row);
        });
      } catch (error) {
        if (error instanceof WriteFailure)
          throw new RouteError(tag('path_write', { path_write: error.reason }));
        throw error;
      }
    },
  }),
];
