import type { RemoteFileShape } from '../../common/contract/shapes.ts';

/** What Opus keeps of a Dropbox file's metadata: the contract's shape, which the renderer gets as is. */
export type RemoteFile = RemoteFileShape;

export interface RemoteFolder {
  name: string;
  path: string;
  pathLower: string;
  id: string;
}

export type RemoteEntry =
  | ({ kind: 'file' } & RemoteFile)
  | ({ kind: 'folder' } & RemoteFolder)
  | { kind: 'deleted'; name: string; path: string; pathLower: string };

/** A listed file as the contract carries it: without the entry's kind, which the strict shape refuses. */
export const remoteFileOf = ({ kind: _file, ...remote }: { kind: 'file' } & RemoteFile): RemoteFile => remote;
