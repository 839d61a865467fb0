// A long document is previewed a chunk at a time: only the chunks on screen are rendered, and a chunk
// whose text did not change keeps its HTML, so a keystroke in a 1 MiB document costs the preview the
// few chunks in view (markdown-preview.tsx), never the whole document.

/** A run of whole lines that renders the same alone as within the document (nearly: see `splitIntoChunks`). */
export interface Chunk {
  /** Its first line in the document, 1-based as Monaco counts. */
  firstLine: number;
  lineCount: number;
  source: string;
}

/** How many characters a chunk gathers before the next safe boundary ends it. */
export const CHUNK_CHARS = 8 * 1024;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The document cut at blank lines that are followed by an unindented line outside fenced code, so no
 * paragraph, code block or list item is cut in two. What can differ from rendering the whole at once:
 * an ordered list split between items starts again at its written number, and an HTML comment holding
 * a blank line is closed early. Reference definitions are handed to every chunk (`referenceDefinitions`).
 */
export function splitIntoChunks(lines: readonly string[], chunkChars = CHUNK_CHARS): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let size = 0;
  let fence: string | null = null;
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at] ?? '';
    size += line.length + 1;
    const marker = FENCE.exec(line)?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length)))
      fence = fence === null ? marker : null;
    const next = lines[at + 1];
    const boundary = fence === null && line.trim() === '' && next !== undefined && /^\S/.test(next);
    if (boundary && size >= chunkChars) {
      chunks.push(chunkOf(lines, start, at + 1));
      start = at + 1;
      size = 0;
    }
  }
  if (start < lines.length) chunks.push(chunkOf(lines, start, lines.length));
  return chunks;
}

function chunkOf(lines: readonly string[], from: number, to: number): Chunk {
  return { firstLine: from + 1, lineCount: to - from, source: lines.slice(from, to).join('\n') };
}

const DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S/;

/** `[name]: url "title"` lines: a reference link in one chunk may be defined in another. */
export function referenceDefinitions(lines: readonly string[]): string {
  return lines.filter((line) => line.includes(']:') && DEFINITION.test(line)).join('\n');
}
