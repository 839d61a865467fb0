import type { files } from 'dropbox';
import type { RemoteEntry, RemoteFile, RemoteFolder } from './remote-file.ts';

type AnyMetadata =
  | files.FileMetadataReference
  | files.FolderMetadataReference
  | files.DeletedMetadataReference;

/**
 * `path_lower` and `path_display` are optional in the spec (absent for items outside the app's view,
 * such as unmounted shared folders); Opus falls back to the name rather than carry undefined around.
 */
const pathsOf = (meta: files.Metadata) => {
  const path = meta.path_display ?? meta.path_lower ?? `/${meta.name}`;
  return { name: meta.name, path, pathLower: meta.path_lower ?? path.toLowerCase() };
};

export function toRemoteFile(meta: files.FileMetadata): RemoteFile {
  return {
    ...pathsOf(meta),
    id: meta.id,
    rev: meta.rev,
    size: meta.size,
    // Optional in the spec (Dropbox omits it while it is being computed); "" never equals a real hash.
    contentHash: meta.content_hash ?? '',
    serverModified: meta.server_modified,
    clientModified: meta.client_modified,
  };
}

export function toRemoteFolder(meta: files.FolderMetadata): RemoteFolder {
  return { ...pathsOf(meta), id: meta.id };
}

/** list_folder, get_metadata and list_folder/continue entries, told apart by `.tag`. */
export function toRemoteEntry(meta: AnyMetadata): RemoteEntry {
  switch (meta['.tag']) {
    case 'file':
      return { kind: 'file', ...toRemoteFile(meta) };
    case 'folder':
      return { kind: 'folder', ...toRemoteFolder(meta) };
    default:
      return { kind: 'deleted', ...pathsOf(meta) };
  }
}
