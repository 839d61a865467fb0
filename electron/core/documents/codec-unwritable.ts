import iconv from 'iconv-lite';
import type { Unwritable, UnwritableCharacter } from '../../common/encodings.ts';

// Enough to find them and to decide; a text full of them is named by count, not listed.
const MAX_CHARACTERS = 5;
const MAX_LINES = 3;
const ASCII = Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)).join('');

/** Whether `encoding` (an iconv-lite name) writes `character` and reads it back as itself. */
function writer(encoding: string): (character: string) => boolean {
  const known = new Map<string, boolean>();
  return (character) => {
    let fits = known.get(character);
    if (fits === undefined) {
      fits = iconv.decode(iconv.encode(character, encoding), encoding) === character;
      known.set(character, fits);
    }
    return fits;
  };
}

/**
 * The characters of `text` that `encoding` cannot hold, the first few with the lines they are on (a
 * line ends at "\n", so the count is the same in the editor's LF text and in CRLF). Walks the text by
 * code point, asking iconv once per distinct character: only a refused save pays for it.
 */
export function unwritableCharacters(text: string, encoding: string): Unwritable {
  const fits = writer(encoding);
  // Nearly every charset holds ASCII as is: then most characters are passed without a lookup.
  const asciiFits = fits(ASCII);
  const found = new Map<string, UnwritableCharacter>();
  const lastLine = new Map<string, number>();
  let line = 1;
  for (const character of text) {
    if (character === '\n') {
      line++;
      continue;
    }
    if ((asciiFits && character.charCodeAt(0) < 0x80) || fits(character)) continue;
    const entry = found.get(character) ?? { character, lines: [], moreLines: 0 };
    found.set(character, entry);
    if (lastLine.get(character) === line) continue;
    lastLine.set(character, line);
    if (entry.lines.length < MAX_LINES) entry.lines.push(line);
    else entry.moreLines++;
  }
  const characters = [...found.values()];
  return {
    encoding,
    characters: characters.slice(0, MAX_CHARACTERS),
    moreCharacters: Math.max(0, characters.length - MAX_CHARACTERS),
  };
}
