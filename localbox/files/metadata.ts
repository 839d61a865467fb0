import { baseName } from '../domain/paths.ts';
import type { EntryRow, FileRow, RevisionRow } from '../store/tree.ts';

/** FileMetadata as a route result of its own (upload, download, restore): no ".tag". */
export function fileMetadata(row: FileRow | RevisionRow) {
  const isRevision = 'file_id' in row;
  return {
    name: baseName(row.path_display),
    path_lower: row.path_lower,
    path_display: row.path_display,
    id: isRevision ? row.file_id : row.id,
    client_modified: row.client_modified,
    server_modified: row.server_modified,
    rev: row.rev,
    size: row.size,
    is_downloadable: true,
    content_hash: row.content_hash,
  };
}

export function folderMetadata(row: EntryRow) {
  return {
    name: baseName(row.path_display),
    path_lower: row.path_lower,
    path_display: row.path_display,
    id: row.id,
  };
}

/** Metadata as a member of the Metadata union (get_metadata, list_folder, delete, move): tagged. */
export function taggedMetadata(row: EntryRow) {
  if (row.kind === 'file') return { '.tag': 'file', ...fileMetadata(row as FileRow) };
  if (row.kind === 'folder') return { '.tag': 'folder', ...folderMetadata(row) };
  return {
    '.tag': 'deleted',
    name: baseName(row.path_display),
    path_lower: row.path_lower,
    path_display: row.path_display,
  };
}
