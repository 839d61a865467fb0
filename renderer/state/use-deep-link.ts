import { useEffect, useRef } from 'react';

/** The Dropbox path a page address asks to open (`?open=/Notes/todo.md`), or null when it asks none. */
export function deepLinkPath(search: string): string | null {
  const path = new URLSearchParams(search).get('open');
  // Only absolute Dropbox paths: anything else (an id, a URL, an empty value) is not a document.
  return path?.startsWith('/') ? path : null;
}

/**
 * A link or a file association that opens a document: `?open=/path` in the page address opens that
 * Dropbox path once the workspace is there (signed in). It is taken out of the address first, so a
 * reload does not open it again; a failure shows as any open error does.
 */
export function useDeepLink(openPath: (path: string) => Promise<void>): void {
  const latest = useRef(openPath);
  latest.current = openPath;
  useEffect(() => {
    const path = deepLinkPath(window.location.search);
    if (path === null) return;
    const address = new URL(window.location.href);
    address.searchParams.delete('open');
    window.history.replaceState(window.history.state, '', address);
    void latest.current(path);
  }, []);
}
