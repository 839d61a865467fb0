import type { RemoteFile } from '../dropbox/remote-file.ts';
import { OpusError } from '../errors.ts';
import type { OpenDocument } from './open-document.ts';

/**
 * A new document has no file on Dropbox yet. It is an open document like any other (edited, journaled,
 * restored after a crash) whose remote is this placeholder: the tab's name, no path and no rev. Its base
 * is the empty text, so an untitled tab with nothing typed is clean; its first save is a Save As, and the
 * file that lands becomes its remote (`saved` in document-state.ts), like any Save As.
 */
export function untitledRemote(name: string): RemoteFile {
  return {
    name,
    path: '',
    pathLower: '',
    id: '',
    rev: '',
    size: 0,
    contentHash: '',
    serverModified: '',
    clientModified: '',
  };
}

export const isUntitled = (remote: RemoteFile): boolean => remote.rev === '';

/** "Untitled-1", or the lowest number no open untitled document has. */
export function untitledName(open: readonly OpenDocument[]): string {
  const taken = new Set(open.filter((doc) => isUntitled(doc.remote)).map((doc) => doc.remote.name));
  let number = 1;
  while (taken.has(`Untitled-${number}`)) number += 1;
  return `Untitled-${number}`;
}

/** What a save of an untitled document answers: it needs a place on Dropbox first (Save As). */
export function requireFile(doc: OpenDocument): void {
  if (!isUntitled(doc.remote)) return;
  throw new OpusError(
    'invalid_request',
    `${doc.remote.name} is not on Dropbox yet. Choose a folder and a name for it with Save As…`,
  );
}
