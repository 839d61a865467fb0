/**
 * The SDK hands download bytes over in one of two places: `fileBinary` (a Buffer) from its CommonJS build
 * under Node, `fileBlob` (a Blob) from its `es/` build wherever `module` is undefined — which is what a
 * bundler (esbuild, Vite) loads, even for Electron's main process.
 */
export interface DownloadBody {
  fileBinary?: Uint8Array | undefined;
  /** A Blob; typed by what we use of it, as the SDK's typings declare their own Blob-like. */
  fileBlob?: { arrayBuffer(): Promise<ArrayBuffer> } | undefined;
}

export async function downloadedBytes(result: DownloadBody): Promise<Buffer> {
  const { fileBinary, fileBlob } = result;
  if (fileBinary) {
    return Buffer.isBuffer(fileBinary)
      ? fileBinary
      : Buffer.from(fileBinary.buffer, fileBinary.byteOffset, fileBinary.byteLength);
  }
  if (fileBlob) return Buffer.from(await fileBlob.arrayBuffer());
  throw new Error('The Dropbox SDK returned a download without fileBinary or fileBlob');
}
