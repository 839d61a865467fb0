import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload, OpusApi } from '../opus.ts';

export type RemoteChange = EventPayload<'remoteChanged'>;

export interface RemoteChangeControls {
  /** The latest change Dropbox reported for the open document, until the user deals with it. */
  change: RemoteChange | null;
  dismiss(): void;
}

/**
 * The watcher's reports for the open document. A clean document is reloaded by the core (and that
 * reload clears the banner); a dirty one keeps the latest report until it is merged, saved or put off.
 */
export function useRemoteChange(opus: OpusApi, documentId: string | null): RemoteChangeControls {
  const [change, setChange] = useState<RemoteChange | null>(null);
  const current = useRef(documentId);
  current.current = documentId;

  useEffect(() => {
    const stopChanged = opus.onRemoteChanged((payload) => {
      if (payload.documentId === current.current) setChange(payload);
    });
    const stopReloaded = opus.onDocumentReloaded(({ snapshot }) => {
      if (snapshot.documentId === current.current) setChange(null);
    });
    return () => {
      stopChanged();
      stopReloaded();
    };
  }, [opus]);

  // Another document opened: the old one's news is not about it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the open document changes
  useEffect(() => setChange(null), [documentId]);

  const dismiss = useCallback(() => setChange(null), []);
  return { change, dismiss };
}
