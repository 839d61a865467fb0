import { type RefObject, useEffect } from 'react';
import type { OpusApi } from '../opus.ts';
import { type DocumentsAction, type DocumentsState, documentById } from './documents-state.ts';
import type { EditLoop } from './edit-loop.ts';

/**
 * The core's news about the open documents, into the tabs: reloads, main's judgement of each text, and
 * changes on Dropbox. `latest`: the tabs as of every action so far (use-documents.ts).
 */
export function useDocumentNews(
  opus: OpusApi,
  loop: EditLoop,
  latest: RefObject<DocumentsState>,
  dispatch: (action: DocumentsAction) => void,
): void {
  useEffect(() => {
    const stops = [
      opus.onDocumentReloaded(({ snapshot }) => {
        const { documentId } = snapshot;
        const doc = documentById(latest.current, documentId);
        if (!doc?.dirty && !loop.busy(documentId)) return dispatch({ type: 'reloaded', snapshot });
        // Main reloaded before it heard of the typing: keep the text, show the news, and send the edits
        // now with the rev they are based on, so main puts that base back and the next save conflicts.
        dispatch({
          type: 'remoteChanged',
          change: { documentId, change: 'modified', remote: snapshot.remote },
        });
        void loop.flush(documentId).catch(() => undefined);
      }),
      opus.onDocumentStateChanged((news) => {
        // Judged on a text the tab has typed past (or main set one the tab has not taken): old news.
        const { documentId, version } = news;
        const current =
          (version === null || version === loop.versionOf(documentId)) && !loop.busy(documentId);
        dispatch({ type: 'state', news, current });
      }),
      opus.onRemoteChanged((change) => dispatch({ type: 'remoteChanged', change })),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [opus, loop, latest, dispatch]);
}
