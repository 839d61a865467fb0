import { useEffect, useRef, useState } from 'react';
import type { OpusApi } from '../opus.ts';
import type { DocumentsControls } from '../state/use-documents.ts';
import type { WorkspaceControls } from '../state/use-workspace.ts';
import {
  askedAfresh,
  deepLinkPath,
  openStartDocuments,
  type PageStart,
  type WorkspaceStart,
} from './start-up.ts';

/**
 * The workspace's part of the page's start (start-up.ts), taken as it first renders: the page's own
 * answers for its first workspace, fresh calls for a later one.
 */
export function useWorkspaceStart(opus: OpusApi, pageStart: PageStart | null): WorkspaceStart {
  // A ref, not a state initializer: React may run initializers twice, and the start is taken once.
  const start = useRef<WorkspaceStart | null>(null);
  start.current ??= pageStart ? pageStart.forWorkspace() : askedAfresh(opus);
  return start.current;
}

/**
 * Once the workspace is shown, start-up.ts's (c) then (d): its restored documents, then the one its
 * address links to. True while that link's document is on its way, so the workspace readies the
 * editor instead of showing the welcome screen.
 */
export function useStartDocuments(
  start: WorkspaceStart,
  docs: DocumentsControls,
  ws: WorkspaceControls,
): boolean {
  const latest = useRef({ docs, ws });
  latest.current = { docs, ws };
  const [linkOpening, setLinkOpening] = useState(() => deepLinkPath(window.location.search) !== null);
  // A restored document whose Dropbox copy moved: its conflict prompt opens once its tab has a model.
  const [conflictOnOpen, setConflictOnOpen] = useState<string | null>(null);
  const shown = useRef(false);
  const begun = useRef(false);

  useEffect(() => {
    shown.current = true;
    if (!begun.current) {
      begun.current = true;
      // Restored tabs only while the workspace is still there; the link opens as any open does.
      const ifShown = (act: () => void) => {
        if (shown.current) act();
      };
      void openStartDocuments(start, takeLinkFromAddress(), {
        openRestored: (restored, kept) =>
          shown.current
            ? latest.current.docs.openRestored(restored, kept)
            : Promise.resolve({ carried: [], left: [...kept] }),
        keptTexts: () => latest.current.docs.keptTexts(),
        setNotice: (notice) => ifShown(() => latest.current.ws.setNotice(notice)),
        startConflict: (documentId) => ifShown(() => setConflictOnOpen(documentId)),
        openPath: (path, answer) => latest.current.ws.openPath(path, answer),
      }).finally(() => setLinkOpening(false));
    }
    return () => {
      shown.current = false;
    };
  }, [start]);

  const open = docs.state.docs;
  useEffect(() => {
    if (!conflictOnOpen || !open.some((doc) => doc.snapshot.documentId === conflictOnOpen)) return;
    setConflictOnOpen(null);
    latest.current.docs.activate(conflictOnOpen);
    void latest.current.ws.save(conflictOnOpen);
  }, [conflictOnOpen, open]);

  return linkOpening;
}

/** The path the page address links to, taken out of the address first so a reload does not open it again. */
function takeLinkFromAddress(): string | null {
  const path = deepLinkPath(window.location.search);
  if (path === null) return null;
  const address = new URL(window.location.href);
  address.searchParams.delete('open');
  window.history.replaceState(window.history.state, '', address);
  return path;
}
