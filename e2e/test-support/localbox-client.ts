import { Dropbox } from 'dropbox';

/** The official SDK as "another computer": its https://<dropbox host> requests go to the localbox instead. */
export function localboxClient(localboxUrl: string, accessToken: string): Dropbox {
  return new Dropbox({
    accessToken,
    fetch: (url: string, init?: RequestInit) => fetch(url.replace(/^https:\/\/[^/]+/, localboxUrl), init),
  });
}

/** The bytes of a file as Dropbox stores them (the SDK hands them back as a Buffer under Node). */
export async function bytesOf(client: Dropbox, path: string): Promise<Buffer> {
  const { result } = await client.filesDownload({ path });
  return (result as unknown as { fileBinary: Buffer }).fileBinary;
}

/** A file's text (as UTF-8) and its rev. */
export async function downloadText(client: Dropbox, path: string): Promise<{ text: string; rev: string }> {
  const { result } = await client.filesDownload({ path });
  const bytes = (result as unknown as { fileBinary: Buffer }).fileBinary;
  return { text: bytes.toString('utf8'), rev: result.rev };
}
