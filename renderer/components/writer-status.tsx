import { type CountedView, useWriterCounts } from '../state/use-writer-counts.ts';
import { writerStatusWords } from './writer-status-words.ts';

/** Words, characters and reading time of the document shown, or of its selection (issue 18). */
export function WriterStatus({ view }: { view: CountedView | null }) {
  const counts = useWriterCounts(view);
  if (!counts) return null;
  return (
    <span
      className="status-words"
      role="status"
      aria-label="Word count"
      title="Words · characters · reading time at 230 words a minute"
    >
      {writerStatusWords(counts)}
    </span>
  );
}
