import { lookup, lookupError } from '../files/lookup.ts';
import { fileMetadata, taggedMetadata } from '../files/metadata.ts';
import { BadRequest, tag } from '../http/errors.ts';
import { DownloadArg, GetMetadataArg } from '../schemas/files-args.ts';
import { apiRoute, type Download } from '../server/route.ts';
import type { FileRow, RevisionRow } from '../store/tree.ts';

export const readRoutes = [
  apiRoute({
    name: 'files/download',
    style: 'download',
    auth: 'user',
    scope: 'files.content.read',
    arg: DownloadArg,
    handle: ({ arg, services }): Download => {
      // The deprecated `rev` field names a revision just like a "rev:" path does.
      const target = lookup(services, arg.rev ? `rev:${arg.rev}` : arg.path);
      let row: FileRow | RevisionRow;
      if (target.kind === 'revision') row = target.row;
      else if (target.kind === 'entry' && target.row.kind === 'file') row = target.row as FileRow;
      else if (target.kind === 'entry' && target.row.kind === 'folder')
        throw lookupError('path', tag('not_file'));
      else if (target.kind === 'root') throw lookupError('path', tag('not_file'));
      else throw lookupError('path', tag('not_found'));
      return {
        result: fileMetadata(row),
        file: services.blobs.pathOf(row.content_hash),
        size: row.size,
        etag: row.rev,
      };
    },
  }),
  apiRoute({
    name: 'files/get_metadata',
    style: 'rpc',
    auth: 'user',
    scope: 'files.metadata.read',
    arg: GetMetadataArg,
    handle: ({ arg, services }) => {
      const target = lookup(services, arg.path);
      if (target.kind === 'root') {
        throw new BadRequest(
          'Error in call to API function "files/get_metadata": request body: path: The root folder is unsupported.',
        );
      }
      if (target.kind === 'revision') return { '.tag': 'file', ...fileMetadata(target.row) };
      if (target.kind === 'missing') throw lookupError('path', tag('not_found'));
      if (target.row.kind === 'deleted' && !arg.include_deleted) throw lookupError('path', tag('not_found'));
      return taggedMetadata(target.row);
    },
  }),
];
