import type { WriterCounts } from '../state/use-writer-counts.ts';
import { readingMinutes } from '../state/word-count.ts';

const number = new Intl.NumberFormat('en');
const plural = (count: number, one: string, many: string) =>
  `${number.format(count)} ${count === 1 ? one : many}`;

/** "About 3 min read"; under a minute is said so, not rounded to none. */
export function readingTimeWords(words: number): string {
  const minutes = readingMinutes(words);
  return minutes < 1 ? 'under 1 min read' : `${number.format(Math.round(minutes))} min read`;
}

/** The status bar's words for the counts: the document's with its reading time, or the selection's. */
export function writerStatusWords(counts: WriterCounts): string {
  const characters = plural(counts.characters, 'character', 'characters');
  if (counts.words === null) return `Counting words… · ${characters}`;
  const words = plural(counts.words, 'word', 'words');
  if (counts.selection) return `${words} · ${characters} selected`;
  return counts.words === 0
    ? `${words} · ${characters}`
    : `${words} · ${characters} · ${readingTimeWords(counts.words)}`;
}
