import type { OpusApi } from '../opus.ts';
import { bytesToBase64 } from './base64.ts';
import { localFileName } from './dropbox-names.ts';

/**
 * A file on this computer picked for upload: a File in the page (browser host), or a choice made in
 * main's native dialog (Electron), which only main can turn back into a path.
 */
export type LocalFile =
  | { kind: 'file'; file: File; name: string; size: number }
  | { kind: 'choice'; choice: string; name: string; size: number };

type UploadSource = Parameters<OpusApi['uploadLocalFile']>[0]['source'];

export const fromFile = (file: File): LocalFile => ({ kind: 'file', file, name: file.name, size: file.size });

/** What main's native dialog answers: an opaque choice, the name and the size, never the path. */
export const fromChoice = (picked: { choice: string; name: string; size: number }): LocalFile => ({
  kind: 'choice',
  choice: picked.choice,
  name: localFileName(picked.name),
  size: picked.size,
});

/** What `uploadLocalFile` takes: the choice as is, or the page's bytes as base64 (read only now, at upload). */
export async function uploadSource(local: LocalFile): Promise<UploadSource> {
  if (local.kind === 'choice') return { kind: 'choice', choice: local.choice };
  const bytes = new Uint8Array(await local.file.arrayBuffer());
  return { kind: 'bytes', name: local.name, base64: bytesToBase64(bytes) };
}
