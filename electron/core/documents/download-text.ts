import type { Gateway } from '../dropbox/gateway.ts';
import type { RemoteFile } from '../dropbox/remote-file.ts';
import type { DecodedText } from './codec.ts';
import { TextDecoding } from './codec-stream.ts';

/**
 * A file's metadata and its text, decoded as the bytes arrive (one request): the same answer, errors
 * included, as `download` then `decodeText`, but most of the decoding is done by the time the last byte
 * is in, and a binary file is refused as soon as its bytes say so.
 */
export async function downloadText(
  gateway: Gateway,
  path: string,
  signal?: AbortSignal,
): Promise<{ file: RemoteFile; decoded: DecodedText }> {
  const { file, value } = await gateway.downloadInto(path, (meta) => new TextDecoding(meta.size), signal);
  return { file, decoded: value };
}
