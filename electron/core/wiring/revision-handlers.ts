import { decodeText } from '../documents/codec.ts';
import type { Documents } from '../documents/documents.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import type { RemoteFile } from '../dropbox/remote-file.ts';
import { isOpusError, OpusError } from '../errors.ts';
import type { Handlers } from './dispatch.ts';

type RevisionHandlers = Pick<
  Handlers,
  'listRevisions' | 'getRevisionText' | 'restoreRevision' | 'saveRevisionAs'
>;

const revisionOf = (file: RemoteFile) => ({
  rev: file.rev,
  size: file.size,
  serverModified: file.serverModified,
  contentHash: file.contentHash,
  path: file.path,
});

/** Revision history: list a file's revisions, read one, restore one, or copy one to a new file. */
export function revisionHandlers(gateway: () => Gateway, documents: Documents): RevisionHandlers {
  return {
    listRevisions: async ({ path }) => {
      const { isDeleted, revisions } = await gateway().listRevisions(path, 100);
      return { isDeleted, revisions: revisions.map(revisionOf) };
    },
    getRevisionText: async ({ rev }) => {
      const { file, bytes } = await gateway().download(`rev:${rev}`);
      return { revision: revisionOf(file), text: decodeText(bytes).text };
    },
    restoreRevision: async ({ path, rev, documentId }) => {
      const doc = documentId ? documents.list().find((d) => d.id === documentId) : undefined;
      // No document, or one closed since (an Undo after its tab closed): only Dropbox's file changes.
      if (!documentId || !doc) return { remote: await gateway().restore(path, rev) };
      if (doc.remote.pathLower !== path.toLowerCase())
        throw new OpusError('invalid_request', `That document is not ${path}.`);
      return documents.restoreRevision(documentId, rev);
    },
    saveRevisionAs: async ({ rev, targetPath }) => {
      const { bytes } = await gateway().download(`rev:${rev}`);
      try {
        // Byte for byte: the copy keeps the revision's encoding, BOM and line endings as they were.
        return await gateway().upload(targetPath, bytes, {
          mode: { kind: 'add' },
          strictConflict: true,
          autorename: false,
        });
      } catch (error) {
        if (isOpusError(error, 'conflict'))
          throw new OpusError('conflict', `${targetPath} already exists in Dropbox.`, error.detail);
        throw error;
      }
    },
  };
}
