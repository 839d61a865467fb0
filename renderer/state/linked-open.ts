import { type DocumentSnapshot, errorKind, type OpusApi } from '../opus.ts';

/** The Dropbox path a page address asks to open (`?open=/Notes/todo.md`), or null when it asks none. */
export function deepLinkPath(search: string): string | null {
  const path = new URLSearchParams(search).get('open');
  // Only absolute Dropbox paths: anything else (an id, a URL, an empty value) is not a document.
  return path?.startsWith('/') ? path : null;
}

/** A document the page address names, asked for before the workspace is there to show it. */
export interface LinkedOpen {
  path: string;
  /** The core's answer, taken once; a call made while signed out is made again. */
  answer(): Promise<DocumentSnapshot>;
}

/**
 * Asks for the document the address names as soon as `after` (the crash restore) has settled. Called
 * by the page's first module, while the rest of the bundle (Monaco, React: about 300 ms of evaluation)
 * is still to run, so the core downloads and decodes the file meanwhile instead of after the workspace
 * has rendered. After the restore, because a journaled document must come back as the restored one,
 * with its unsaved text, not be opened anew beside it.
 */
export function openLinkedEarly(
  opus: OpusApi,
  search: string,
  after: Promise<unknown> = Promise.resolve(),
): LinkedOpen | null {
  const path = deepLinkPath(search);
  if (path === null) return null;
  const first = after.then(
    () => opus.openDocument({ path }),
    () => opus.openDocument({ path }),
  );
  // Nobody may ever take it (signed out, the link never used): its failure is not unhandled.
  first.catch(() => undefined);
  return {
    path,
    answer: () =>
      first.catch((error: unknown) =>
        errorKind(error) === 'signed_out' ? opus.openDocument({ path }) : Promise.reject(error),
      ),
  };
}
