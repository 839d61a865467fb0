import { useEffect, useRef, useState } from 'react';
import type { DocumentSnapshot } from '../opus.ts';
import { deepLinkPath, type LinkedOpen } from './linked-open.ts';

type OpenPath = (path: string, answer?: Promise<DocumentSnapshot>) => Promise<void>;

/**
 * A link or a file association that opens a document: `?open=/path` in the page address opens that
 * Dropbox path once the workspace is there (signed in), with the answer `linked` already asked for
 * when it names the same path. The path is taken out of the address first, so a reload does not open
 * it again; a failure shows as any open error does. It opens once `after` (the crash restore) has
 * settled, so a journaled document comes back as its restored tab. True while that open is on its way,
 * so the workspace can ready the editor rather than show the welcome screen.
 */
export function useDeepLink(openPath: OpenPath, linked: LinkedOpen | null, after: Promise<void>): boolean {
  const latest = useRef(openPath);
  latest.current = openPath;
  const [pending, setPending] = useState(() => deepLinkPath(window.location.search) !== null);
  useEffect(() => {
    const path = deepLinkPath(window.location.search);
    if (path === null) return;
    const address = new URL(window.location.href);
    address.searchParams.delete('open');
    window.history.replaceState(window.history.state, '', address);
    const answer = linked?.path === path ? linked.answer() : undefined;
    void after.then(() => latest.current(path, answer)).finally(() => setPending(false));
  }, [linked, after]);
  return pending;
}
