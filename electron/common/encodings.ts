// The encodings people can choose (Reopen with Encoding…, Save with Encoding…) and the words for an
// encoding and for the characters one cannot hold. Plain data and pure functions (no zod, no Node, no
// DOM): the core's codec writes every one of these, and the page shows the picker and the refusals.

/** An encoding as the picker offers it: the codec's name for it, whether a BOM is written, its words. */
export interface EncodingChoice {
  encoding: string;
  bom: boolean;
  label: string;
}

// Unicode first, then the legacy charsets most often met, by region. Every name is one iconv-lite reads
// and writes (documents/codec-encoding.ts), in the lower case the codec reports them in.
export const ENCODING_CHOICES: readonly EncodingChoice[] = [
  { encoding: 'utf-8', bom: false, label: 'UTF-8' },
  { encoding: 'utf-8', bom: true, label: 'UTF-8 with BOM' },
  { encoding: 'utf-16le', bom: true, label: 'UTF-16 LE' },
  { encoding: 'utf-16be', bom: true, label: 'UTF-16 BE' },
  { encoding: 'windows-1252', bom: false, label: 'Western (Windows 1252)' },
  { encoding: 'iso-8859-1', bom: false, label: 'Latin-1 (ISO-8859-1)' },
  { encoding: 'iso-8859-15', bom: false, label: 'Latin-9 (ISO-8859-15)' },
  { encoding: 'windows-1250', bom: false, label: 'Central European (Windows 1250)' },
  { encoding: 'iso-8859-2', bom: false, label: 'Central European (ISO-8859-2)' },
  { encoding: 'windows-1251', bom: false, label: 'Cyrillic (Windows 1251)' },
  { encoding: 'koi8-r', bom: false, label: 'Cyrillic (KOI8-R)' },
  { encoding: 'iso-8859-7', bom: false, label: 'Greek (ISO-8859-7)' },
  { encoding: 'windows-1254', bom: false, label: 'Turkish (Windows 1254)' },
  { encoding: 'shift_jis', bom: false, label: 'Japanese (Shift JIS)' },
  { encoding: 'euc-jp', bom: false, label: 'Japanese (EUC-JP)' },
  { encoding: 'gb18030', bom: false, label: 'Chinese Simplified (GB18030)' },
  { encoding: 'big5', bom: false, label: 'Chinese Traditional (Big5)' },
  { encoding: 'euc-kr', bom: false, label: 'Korean (EUC-KR)' },
];

/** UTF-8 without a BOM: what text is saved as when its own encoding cannot hold it. */
export const UTF8_CHOICE: EncodingChoice = { encoding: 'utf-8', bom: false, label: 'UTF-8' };

/** "Latin-1 (ISO-8859-1)" for `iso-8859-1`; an encoding not in the list by its name in capitals. */
export function encodingName(encoding: string): string {
  const name = encoding.toLowerCase();
  const choice = ENCODING_CHOICES.find((entry) => entry.encoding === name && !entry.bom);
  return (
    choice?.label ??
    (name === 'utf-16le' ? 'UTF-16 LE' : name === 'utf-16be' ? 'UTF-16 BE' : name.toUpperCase())
  );
}

/** A character an encoding cannot hold, and the lines (1-based) it is on. */
export interface UnwritableCharacter {
  character: string;
  /** The first few lines it is on, in order. */
  lines: number[];
  /** How many more lines it is on than `lines` lists. */
  moreLines: number;
}

/** What could not be written, as data: the page words it, and offers another encoding. */
export interface Unwritable {
  encoding: string;
  /** The first few characters that cannot be written, in the order they first appear. */
  characters: UnwritableCharacter[];
  /** How many more distinct characters cannot be written than `characters` lists. */
  moreCharacters: number;
}

/** "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// A space, a control or a combining mark in quotes shows nothing readable: its code point says which.
const INVISIBLE = /^[\s\p{C}\p{M}]$/u;

/** `“€”`, or `U+00A0` for a character that cannot be seen. */
export function characterName(character: string): string {
  if (!INVISIBLE.test(character)) return `“${character}”`;
  const code = character.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function linesWords({ lines, moreLines }: UnwritableCharacter): string {
  const numbers = lines.map(String);
  if (moreLines > 0) numbers.push(`${moreLines} more`);
  return `${numbers.length === 1 ? 'line' : 'lines'} ${listOf(numbers)}`;
}

/**
 * “€” on line 3 and “✓” on lines 9 and 12 cannot be written in Latin-1 (ISO-8859-1)": which characters,
 * where, and the encoding, so the user can find them or choose another.
 */
export function unwritableWords(unwritable: Unwritable): string {
  // Characters on the same lines are named together: "“東”, “京” and “か” on line 1".
  const groups = new Map<string, UnwritableCharacter[]>();
  for (const entry of unwritable.characters) {
    const where = linesWords(entry);
    groups.set(where, [...(groups.get(where) ?? []), entry]);
  }
  const parts = [...groups].map(
    ([where, entries]) => `${listOf(entries.map((entry) => characterName(entry.character)))} on ${where}`,
  );
  const more = unwritable.moreCharacters;
  if (more > 0) parts.push(`${more} other ${more === 1 ? 'character' : 'characters'}`);
  // A part that has an "and" of its own: a comma before the last "and" keeps the list readable.
  const list =
    parts.length > 2 || parts.some((part) => part.includes(' and '))
      ? `${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)}`
      : listOf(parts);
  return `${parts.length === 1 ? parts[0] : list} cannot be written in ${encodingName(unwritable.encoding)}`;
}
