import { useCallback, useEffect, useRef, useState } from 'react';
import { type BrowserEntry, describeError, type OpusApi } from '../opus.ts';

export type ListedEntry = Exclude<BrowserEntry, { kind: 'deleted' }>;

export interface FolderListing {
  /** The folder shown, or being retried after an error ("" is the Dropbox root). */
  path: string;
  entries: ListedEntry[];
  loading: boolean;
  error: string | null;
  go(path: string): void;
  /** Lists the current folder again; resolves once the new listing is in. */
  refresh(): Promise<void>;
}

/** Folders first, then files, each by name as people sort them ("file2" before "file10"). */
export function sortEntries(entries: readonly BrowserEntry[]): ListedEntry[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return entries
    .filter((entry): entry is ListedEntry => entry.kind !== 'deleted')
    .sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
}

/**
 * One folder of the Dropbox, every page of it; a newer `go` wins over a slower older one. The path
 * changes only once the new folder is listed (or has failed), so the rows on screen always belong to
 * the breadcrumbs above them.
 */
export function useFolder(opus: OpusApi, initialPath: string): FolderListing {
  const [path, setPath] = useState(initialPath);
  const [entries, setEntries] = useState<ListedEntry[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const shown = useRef(initialPath);

  const load = useCallback(
    async (folder: string) => {
      const ticket = ++request.current;
      setLoading(true);
      try {
        const all: BrowserEntry[] = [];
        let page = await opus.listFolder({ path: folder });
        all.push(...page.entries);
        while (page.hasMore && ticket === request.current) {
          page = await opus.listFolder({ path: folder, cursor: page.cursor });
          all.push(...page.entries);
        }
        if (ticket !== request.current) return;
        setEntries(sortEntries(all));
        setError(null);
      } catch (caught) {
        if (ticket !== request.current) return;
        setEntries([]);
        setError(describeError(caught));
      } finally {
        if (ticket === request.current) {
          shown.current = folder;
          setPath(folder);
          setLoading(false);
        }
      }
    },
    [opus],
  );

  useEffect(() => {
    void load(initialPath);
  }, [load, initialPath]);

  return {
    path,
    entries,
    loading,
    error,
    go: (folder) => void load(folder),
    refresh: () => load(shown.current),
  };
}
