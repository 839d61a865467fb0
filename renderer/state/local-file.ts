import type { OpusApi } from '../opus.ts';
import { bytesToBase64 } from './base64.ts';
import { localFileName } from './dropbox-names.ts';

/** A file on this computer picked for upload: a File in the page, or a path main can read (Electron). */
export type LocalFile =
  | { kind: 'file'; file: File; name: string; size: number }
  | { kind: 'path'; path: string; name: string; size: null };

type UploadSource = Parameters<OpusApi['uploadLocalFile']>[0]['source'];

export const fromFile = (file: File): LocalFile => ({ kind: 'file', file, name: file.name, size: file.size });

/** The native dialog gives only a path; main reads the bytes, so the size is not known here. */
export const fromPath = (path: string): LocalFile => ({
  kind: 'path',
  path,
  name: localFileName(path),
  size: null,
});

/** What `uploadLocalFile` takes: the path as is, or the page's bytes as base64 (read only now, at upload). */
export async function uploadSource(local: LocalFile): Promise<UploadSource> {
  if (local.kind === 'path') return { kind: 'path', path: local.path };
  const bytes = new Uint8Array(await local.file.arrayBuffer());
  return { kind: 'bytes', name: local.name, base64: bytesToBase64(bytes) };
}
