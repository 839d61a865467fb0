import { type CountedView, useWriterCounts } from '../state/use-writer-counts.ts';
import { writerStatusParts } from './writer-status-words.ts';

/** Words, characters and reading time of the document shown, or of its selection (issue 18). */
export function WriterStatus({ view }: { view: CountedView | null }) {
  const counts = useWriterCounts(view);
  if (!counts) return null;
  const { words, more } = writerStatusParts(counts);
  return (
    <span className="status-words" role="status" aria-label="Word count" title={`${words}${more}`}>
      {words}
      <span className="status-words-more">{more}</span>
    </span>
  );
}
