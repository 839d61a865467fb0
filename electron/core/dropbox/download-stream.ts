import type { files } from 'dropbox';
import type { BodySink } from './gateway.ts';
import { toRemoteFile } from './metadata.ts';
import type { RemoteFile } from './remote-file.ts';
import { HttpStatusError } from './wire-failure.ts';

/** The SDK's URL for `files/download` (content host); `endpointFetch` sends it to a localbox origin. */
const DOWNLOAD_URL = 'https://content.dropboxapi.com/2/files/download';

/** The SDK's `httpHeaderSafeJson`: a header carries ASCII only, so other characters go as \uXXXX. */
export const headerSafeJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** What the SDK throws for a non-2xx answer: the body parsed as JSON if it is JSON, else its text. */
async function failureOf(response: Response): Promise<HttpStatusError> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return new HttpStatusError(response.status, response.headers, body);
}

/**
 * The file's metadata from `Dropbox-API-Result`. The SDK reads the whole body before it parses this
 * header, so a body cut short fails as the network failure it is (and is retried), not as a missing
 * header: when the header is absent or not JSON, the body is read to its end before the parse throws.
 */
async function resultOf(response: Response): Promise<RemoteFile> {
  const header = response.headers.get('dropbox-api-result');
  try {
    return toRemoteFile(JSON.parse(header ?? 'null') as files.FileMetadata);
  } catch (error) {
    await response.arrayBuffer();
    throw error;
  }
}

/**
 * One attempt at `files/download`, made as the SDK makes it (same URL, Authorization, Dropbox-API-Arg,
 * same errors), except that the body goes to a fresh sink a chunk at a time as it arrives instead of
 * being gathered first. A sink that throws stops the transfer: the rest of the body is not read.
 */
export async function downloadInto<T>(
  fetchImpl: typeof fetch,
  accessToken: string,
  path: string,
  sinkFor: (file: RemoteFile) => BodySink<T>,
  signal?: AbortSignal,
): Promise<{ file: RemoteFile; value: T }> {
  const response = await fetchImpl(DOWNLOAD_URL, {
    method: 'POST',
    headers: { Authorization: `Bearer ${accessToken}`, 'Dropbox-API-Arg': headerSafeJson({ path }) },
    signal: signal ?? null,
  });
  if (!response.ok) throw await failureOf(response);
  const file = await resultOf(response);
  const sink = sinkFor(file);
  if (!response.body) return { file, value: sink.end() };
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sink.write(value);
    }
  } catch (error) {
    // Frees the connection when the sink gave up; after a network failure there is nothing to cancel.
    await reader.cancel().catch(() => {});
    throw error;
  }
  return { file, value: sink.end() };
}
