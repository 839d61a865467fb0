import type { LineEnding } from '../../common/contract/shapes.ts';

export interface EditorLines {
  /** LF only, final newline kept if the file has one (VS Code's model): the editor shows the file as is. */
  text: string;
  lineEnding: LineEnding;
  /** Whether the text ends with a line break: informational, joining never adds one. */
  finalNewline: boolean;
  /** False when the file mixes LF, CRLF or lone CR, so re-joining with one ending cannot give it back. */
  uniform: boolean;
}

function countCarriageReturns(raw: string): { crlf: number; loneCr: number } {
  let crlf = 0;
  let loneCr = 0;
  for (let index = raw.indexOf('\r'); index !== -1; index = raw.indexOf('\r', index + 1)) {
    if (raw.charCodeAt(index + 1) === 0x0a) crlf++;
    else loneCr++;
  }
  return { crlf, loneCr };
}

function countLineFeeds(raw: string): number {
  let count = 0;
  for (let index = raw.indexOf('\n'); index !== -1; index = raw.indexOf('\n', index + 1)) count++;
  return count;
}

/**
 * Stored characters → editor text. The dominant ending is the majority of CRLF against bare LF (a tie,
 * or a file without line breaks, is LF). A lone CR is a line break too, as Monaco treats it, so it
 * becomes LF in the editor; such files and mixed ones are reported as not uniform.
 */
export function splitLineEndings(raw: string): EditorLines {
  // Most files have no CR at all: then there is nothing to count, normalize or judge.
  if (raw.indexOf('\r') === -1)
    return { text: raw, lineEnding: 'lf', finalNewline: raw.endsWith('\n'), uniform: true };
  const { crlf, loneCr } = countCarriageReturns(raw);
  const bareLf = countLineFeeds(raw) - crlf;
  const normalized = crlf + loneCr === 0 ? raw : normalizeLineBreaks(raw);
  return {
    text: normalized,
    lineEnding: crlf > bareLf ? 'crlf' : 'lf',
    finalNewline: normalized.endsWith('\n'),
    uniform: loneCr === 0 && (crlf === 0 || bareLf === 0),
  };
}

/** Every CRLF or lone CR becomes LF: the editor's (and the journal's) only line break. */
export const normalizeLineBreaks = (text: string): string =>
  text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');

/** Editor text → stored characters: LF turned into the file's ending, and nothing added at the end. */
export function joinLineEndings(text: string, lineEnding: LineEnding): string {
  return lineEnding === 'crlf' ? text.replace(/\n/g, '\r\n') : text;
}
