import { useCallback, useEffect, useRef, useState } from 'react';

/** How long "Copied" stays beside a rev. */
const NOTE_MS = 1500;

export interface RevCopy {
  /** What became of the last copy, beside the rev it was of; null once it has been read. */
  note: { rev: string; words: string } | null;
  /** Puts the full rev on the clipboard. */
  copy(rev: string): void;
}

/** Copying a full rev (to quote it, or to look it up on Dropbox), and the word that it was done. */
export function useRevCopy(): RevCopy {
  const [note, setNote] = useState<RevCopy['note']>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = useCallback((rev: string) => {
    const say = (words: string) => {
      clearTimeout(timer.current);
      setNote({ rev, words });
      timer.current = setTimeout(() => setNote(null), NOTE_MS);
    };
    // The clipboard may be refused (no focus, no permission): the rev is still in the hover title.
    const written = navigator.clipboard?.writeText(rev) ?? Promise.reject(new Error('no clipboard'));
    written.then(
      () => say('Copied'),
      () => say('Could not copy: hover the rev to read it whole'),
    );
  }, []);
  return { note, copy };
}
