import { type DocumentSnapshot, errorKind, type OpusApi } from '../opus.ts';
import { earlyAnswer } from './early-answer.ts';

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
  /** The first call's snapshot, once it has come (undefined before, or when it failed). */
  arrived(): DocumentSnapshot | undefined;
  /** Settles with the first call, whatever its outcome: nothing is asked again. */
  settled: Promise<void>;
}

/**
 * Asks for the document the address names at once. Called by the page's first module, while the rest
 * of the bundle (Monaco, React: about 300 ms of evaluation) is still to run, so the core downloads and
 * decodes the file meanwhile instead of after the workspace has rendered. (The core finishes restoring
 * its journal before any open, so a journaled document comes back as the restored one.)
 */
export function openLinkedEarly(opus: OpusApi, search: string): LinkedOpen | null {
  const path = deepLinkPath(search);
  if (path === null) return null;
  // Nobody may ever take it (signed out, the link never used): earlyAnswer keeps its failure handled.
  const first = earlyAnswer(opus.openDocument({ path }));
  return {
    path,
    settled: first.promise.then(
      () => undefined,
      () => undefined,
    ),
    arrived: first.value,
    answer: () =>
      first.promise.catch((error: unknown) =>
        errorKind(error) === 'signed_out' ? opus.openDocument({ path }) : Promise.reject(error),
      ),
  };
}
