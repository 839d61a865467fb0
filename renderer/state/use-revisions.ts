import { useCallback, useEffect, useRef, useState } from 'react';
import { type CommandResponse, describeError, type OpusApi } from '../opus.ts';

export type Revision = CommandResponse<'listRevisions'>['revisions'][number];

export type RevisionList =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; isDeleted: boolean; revisions: Revision[] };

/** A file's revisions, newest first as Dropbox lists them; `reload` asks again (after an error). */
export function useRevisions(opus: OpusApi, path: string): { list: RevisionList; reload(): void } {
  const [list, setList] = useState<RevisionList>({ kind: 'loading' });
  const request = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++request.current;
    setList({ kind: 'loading' });
    try {
      const { isDeleted, revisions } = await opus.listRevisions({ path });
      if (ticket === request.current) setList({ kind: 'loaded', isDeleted, revisions });
    } catch (caught) {
      if (ticket === request.current) setList({ kind: 'error', message: describeError(caught) });
    }
  }, [opus, path]);

  useEffect(() => {
    void load();
    // Unmounted or moved on: a late answer must not land.
    return () => {
      request.current++;
    };
  }, [load]);

  return { list, reload: () => void load() };
}

export type RevisionText =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; text: string };

/**
 * The text of the selected revision. A revision never changes, so each one is fetched once while the
 * panel is open: arrowing back and forth through the list costs no further requests.
 */
export function useRevisionText(opus: OpusApi, path: string, rev: string | null): RevisionText {
  const cache = useRef(new Map<string, string>());
  const [state, setState] = useState<RevisionText>({ kind: 'none' });

  useEffect(() => {
    if (rev === null) return setState({ kind: 'none' });
    const known = cache.current.get(rev);
    if (known !== undefined) return setState({ kind: 'loaded', text: known });
    let live = true;
    setState({ kind: 'loading' });
    opus.getRevisionText({ path, rev }).then(
      ({ text }) => {
        cache.current.set(rev, text);
        if (live) setState({ kind: 'loaded', text });
      },
      (caught: unknown) => {
        if (live) setState({ kind: 'error', message: describeError(caught) });
      },
    );
    return () => {
      live = false;
    };
  }, [opus, path, rev]);

  return state;
}
