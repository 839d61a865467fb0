/** What Opus keeps of a Dropbox file's metadata. */
export interface RemoteFile {
  name: string;
  /** Display casing; use pathLower to compare. */
  path: string;
  pathLower: string;
  id: string;
  rev: string;
  size: number;
  contentHash: string;
  /** Dropbox timestamps, ISO 8601 without fractional seconds. */
  serverModified: string;
  clientModified: string;
}

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
