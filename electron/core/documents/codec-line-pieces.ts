import type { EditorLines } from './codec-lines.ts';

const LF = 0x0a;

function countLineFeeds(piece: string): number {
  let count = 0;
  for (let index = piece.indexOf('\n'); index !== -1; index = piece.indexOf('\n', index + 1)) count++;
  return count;
}

/**
 * `splitLineEndings` fed one piece of the stored characters at a time, with the same answer as on their
 * whole: a CRLF may be split between two pieces (the CR already written as LF, the LF then dropped), and
 * a CR that ends a piece is judged by the next one's first character. Pieces without a CR pass through
 * as they are; the text is their concatenation (a V8 rope, flattened when first read as a whole).
 */
export class LinePieces {
  private readonly pieces: string[] = [];
  private crlf = 0;
  private loneCr = 0;
  /** Counted once the first CR shows, from then on: a file without CR is never scanned for LF. */
  private lineFeeds: number | null = null;
  /** The last piece ended with a CR (written as LF): a leading LF in the next one completes it. */
  private openCr = false;
  private endsWithLineBreak = false;

  /** The next piece of the stored characters; `hasCr` when the caller already knows whether it holds a CR. */
  push(raw: string, hasCr = raw.indexOf('\r') !== -1): void {
    if (raw.length === 0) return;
    let piece = raw;
    if (this.openCr) {
      this.openCr = false;
      if (piece.charCodeAt(0) === LF) {
        this.crlf++;
        // This LF still counts as a line feed of the stored text (bare LFs are LFs minus CRLFs).
        if (this.lineFeeds !== null) this.lineFeeds++;
        piece = piece.slice(1);
      } else this.loneCr++;
    }
    // Before the first CR, the pieces kept are the stored characters themselves.
    if (hasCr && this.lineFeeds === null)
      this.lineFeeds = this.pieces.reduce((n, p) => n + countLineFeeds(p), 0);
    if (this.lineFeeds !== null) this.lineFeeds += countLineFeeds(piece);
    if (hasCr) {
      this.countCarriageReturns(piece);
      piece = piece.replace(/\r\n?/g, '\n');
    }
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.endsWithLineBreak = piece.charCodeAt(piece.length - 1) === LF;
  }

  private countCarriageReturns(piece: string): void {
    for (let index = piece.indexOf('\r'); index !== -1; index = piece.indexOf('\r', index + 1)) {
      if (index === piece.length - 1) this.openCr = true;
      else if (piece.charCodeAt(index + 1) === LF) this.crlf++;
      else this.loneCr++;
    }
  }

  /** The whole text's lines, as `splitLineEndings` gives them. */
  finish(): EditorLines {
    // A CR at the very end of the file has nothing after it.
    if (this.openCr) {
      this.openCr = false;
      this.loneCr++;
    }
    let text = '';
    for (const piece of this.pieces) text += piece;
    if (this.lineFeeds === null)
      return { text, lineEnding: 'lf', finalNewline: this.endsWithLineBreak, uniform: true };
    const bareLf = this.lineFeeds - this.crlf;
    return {
      text,
      lineEnding: this.crlf > bareLf ? 'crlf' : 'lf',
      finalNewline: this.endsWithLineBreak,
      uniform: this.loneCr === 0 && (this.crlf === 0 || bareLf === 0),
    };
  }
}
