import type { LineEnding } from '../../common/contract/shapes.ts';
import type { Text } from '../text/text-edits.ts';
import type { StoredPieces } from './codec-chunks.ts';
import { joinLineEndings, normalizeLineBreaks } from './codec-lines.ts';

/** The leaves of a `Text`, in order: each holds a run of whole lines. */
function leavesOf(text: Text, into: Text[] = []): Text[] {
  if (text.children === null) into.push(text);
  else for (const child of text.children) leavesOf(child, into);
  return into;
}

/**
 * Main's `Text` as its stored characters, a leaf at a time: what `joinLineEndings(normalizeLineBreaks(
 * text.toString()))` makes, without the 20 MiB string (`toString` of a 20 MiB text alone took ~60 ms,
 * more than encoding it). A leaf ends at a line break, so no surrogate pair is cut between pieces.
 *
 * The length assumes no CR in the text, which holds for every text main keeps: Monaco's model is LF-only
 * and the contract refuses a CR in an edit. Were one there, the pieces are still right (a CR is a line
 * break, as `encodeText` has it) and only the length is an overestimate.
 */
export function textPieces(text: Text, lineEnding: LineEnding): StoredPieces {
  const separator = lineEnding === 'crlf' ? '\r\n' : '\n';
  const leaves = leavesOf(text);
  return {
    length: text.length + (separator.length - 1) * (text.lines - 1),
    pieces: function* () {
      for (const [index, leaf] of leaves.entries()) {
        const before = index === 0 ? '' : separator;
        const lines = leaf.sliceString(0);
        if (lines.indexOf('\r') === -1) {
          yield before + (lineEnding === 'crlf' ? leaf.sliceString(0, leaf.length, separator) : lines);
          continue;
        }
        // A CR that ends the leaf and the line break after it are one break ("\r\n"), written once.
        const last = index === leaves.length - 1;
        const own = !last && lines.endsWith('\r') ? lines.slice(0, -1) : lines;
        yield before + joinLineEndings(normalizeLineBreaks(own), lineEnding);
      }
    },
  };
}
