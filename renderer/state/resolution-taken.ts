import type { Resolution } from './conflict-sides.ts';
import type { OpenDocument } from './open-document.ts';
import type { DocumentsControls } from './use-documents.ts';

/**
 * The tab takes a conflict's answer other than a new conflict. `text` is the text the choice saved (the
 * reviewed merge, or the editor's own), `shown` the editor's text now.
 */
export function takeResolution(
  docs: DocumentsControls,
  doc: OpenDocument,
  result: Exclude<Resolution, { kind: 'conflict' }>,
  text: string,
  shown: string | null,
): void {
  const documentId = doc.snapshot.documentId;
  switch (result.kind) {
    // Chosen offline: the choice stands and the text waits, as an offline save does, until Dropbox
    // answers. A reviewed merge is main's text already, and becomes the editor's too.
    case 'pending':
      if (text === shown) docs.showSaveState(documentId, result);
      else docs.adopt({ ...doc.snapshot, text }, result);
      return;
    // A reviewed merge replaces the editor's text; Keep mine saved what the editor already shows.
    case 'saved':
      if (text === shown) docs.markSaved(documentId, result.remote);
      else
        docs.adopt(
          { ...doc.snapshot, remote: result.remote, text },
          { kind: 'saved', rev: result.remote.rev },
        );
      return;
    case 'reloaded':
      docs.adopt(result.snapshot);
      return;
    case 'copied':
      docs.adopt(result.snapshot, { kind: 'copied', path: result.copy.path });
  }
}
