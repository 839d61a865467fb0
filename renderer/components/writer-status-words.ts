import type { WriterCounts } from '../state/use-writer-counts.ts';
import { readingMinutes } from '../state/word-count.ts';

const number = new Intl.NumberFormat('en');
const plural = (count: number, one: string, many: string) =>
  `${number.format(count)} ${count === 1 ? one : many}`;

/** "3 min read", "2 h 10 min read"; under a minute is said so, not rounded to none. */
export function readingTimeWords(words: number): string {
  if (readingMinutes(words) < 1) return 'under 1 min read';
  const minutes = Math.round(readingMinutes(words));
  if (minutes < 60) return `${minutes} min read`;
  const rest = minutes % 60;
  return `${number.format(Math.floor(minutes / 60))} h${rest ? ` ${rest} min` : ''} read`;
}

/**
 * The status bar's words for the counts: the document's with its reading time, or the selection's.
 * `more` is what a narrow window leaves out (styles/writing.css).
 */
export function writerStatusParts(counts: WriterCounts): { words: string; more: string } {
  const characters = ` · ${plural(counts.characters, 'character', 'characters')}`;
  if (counts.words === null) return { words: 'Counting words…', more: characters };
  const words = plural(counts.words, 'word', 'words');
  if (counts.selection) return { words: `${words} selected`, more: characters };
  return {
    words,
    more: counts.words === 0 ? characters : `${characters} · ${readingTimeWords(counts.words)}`,
  };
}

export function writerStatusWords(counts: WriterCounts): string {
  const { words, more } = writerStatusParts(counts);
  return `${words}${more}`;
}
