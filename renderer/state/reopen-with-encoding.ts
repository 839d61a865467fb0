import type { EncodingChoice } from '../../electron/common/encodings.ts';
import { notTextIn, reopenedWords } from '../encoding-words.ts';
import { describeError, errorKind, type OpusApi } from '../opus.ts';
import { documentById } from './documents-state.ts';
import type { DocumentsControls } from './use-documents.ts';
import type { Notice } from './workspace-dialog.ts';

/**
 * Reopen with Encoding…: main reads Dropbox's bytes again as `choice` and the tab takes that text (the
 * user was asked first if it had unsaved changes). Answers the line to show under the tabs.
 */
export async function reopenWithEncoding(
  opus: OpusApi,
  docs: DocumentsControls,
  documentId: string,
  choice: EncodingChoice,
): Promise<Notice | null> {
  const doc = documentById(docs.state, documentId);
  if (!doc) return null;
  const name = doc.remote.name;
  try {
    const { snapshot, lossy } = await opus.reopenDocumentWithEncoding({
      documentId,
      encoding: { encoding: choice.encoding, bom: choice.bom },
    });
    docs.adopt(snapshot);
    return { tone: 'info', message: reopenedWords(name, choice.encoding, lossy) };
  } catch (error) {
    const message =
      errorKind(error) === 'binary_file'
        ? notTextIn(name, choice.encoding)
        : describeError(error, { path: doc.remote.path });
    return { tone: 'error', message };
  }
}
