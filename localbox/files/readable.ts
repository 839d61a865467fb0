import { tag } from '../http/errors.ts';
import type { Services } from '../server/services.ts';
import type { FileRow, RevisionRow } from '../store/tree.ts';
import { lookup, lookupError } from './lookup.ts';

/** The file (or revision) a ReadPath names, or the `path` LookupError Dropbox gives for it. */
export function readableFile(services: Services, path: string): FileRow | RevisionRow {
  const target = lookup(services, path);
  if (target.kind === 'revision') return target.row;
  if (target.kind === 'entry' && target.row.kind === 'file') return target.row as FileRow;
  if (target.kind === 'root' || (target.kind === 'entry' && target.row.kind === 'folder'))
    throw lookupError('path', tag('not_file'));
  throw lookupError('path', tag('not_found'));
}
