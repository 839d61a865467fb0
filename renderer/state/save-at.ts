import type { Encoding } from '../opus.ts';
import type { Closing } from './workspace-dialog.ts';

/** How Save As writes: over an existing file, for the close question, in another encoding. */
export interface SaveAtOptions {
  overwrite?: boolean;
  closing?: Closing;
  encoding?: Encoding;
}

/** What a Save As dialog carries on to the save: the close question it answers, the encoding to write. */
export const carriedOf = (dialog: {
  closing?: Closing;
  encoding?: Encoding;
}): Pick<SaveAtOptions, 'closing' | 'encoding'> => ({
  ...(dialog.closing ? { closing: dialog.closing } : {}),
  ...(dialog.encoding ? { encoding: dialog.encoding } : {}),
});
