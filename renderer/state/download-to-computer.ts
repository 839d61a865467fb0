import { baseName } from '../format.ts';
import type { OpusApi } from '../opus.ts';
import { base64ToBytes } from './base64.ts';

export interface DownloadOutcome {
  /** False when the person cancelled the save dialog. */
  saved: boolean;
  name: string;
  size: number;
}

/**
 * The Dropbox file's exact bytes (never the editor's text) to a file on this computer. Electron asks
 * where with its native dialog and main writes the file; the browser host gets the bytes back and the
 * page hands them to the browser's own download.
 */
export async function downloadToComputer(
  opus: OpusApi,
  path: string,
  nativeDialogs: boolean,
): Promise<DownloadOutcome> {
  if (nativeDialogs) {
    const target = await opus.chooseSaveLocation({ suggestedName: baseName(path) });
    if (!target) return { saved: false, name: baseName(path), size: 0 };
    const { name, size } = await opus.downloadToComputer({ path, choice: target.choice });
    return { saved: true, name, size };
  }
  const { name, size, base64 } = await opus.downloadToComputer({ path });
  saveInPage(base64ToBytes(base64 ?? ''), name);
  return { saved: true, name, size };
}

/** How long the object URL outlives the click: Firefox reads it after the click handler returns. */
const URL_LIFETIME_MS = 10_000;

function saveInPage(bytes: Uint8Array<ArrayBuffer>, name: string): void {
  // octet-stream, so no browser sniffs the bytes as text and re-encodes them.
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), URL_LIFETIME_MS);
}
