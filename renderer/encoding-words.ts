// Words about encodings: a save refused for characters its encoding cannot hold, and Reopen with Encoding….
import { encodingName, type Unwritable, unwritableWords } from '../electron/common/encodings.ts';
import { baseName } from './format.ts';

/** A refused Save As names the file it did not create. */
type SaveTarget = { path: string } | null;

/** The question a refused save asks: the characters, where they are, and the one-click way out. */
export function unwritableQuestion(
  name: string,
  unwritable: Unwritable,
  target: SaveTarget,
): { title: string; message: string } {
  const file = target ? baseName(target.path) : name;
  const outcome = target ? `so ${file} was not created` : `so ${file} was not saved`;
  return {
    title: `Save ${file} as UTF-8?`,
    message:
      `${unwritableWords(unwritable)}, ${outcome}. UTF-8 can hold every character: save it as UTF-8 ` +
      'instead? Your text stays as it is.',
  };
}

/** The status bar once the question is put aside: what happened, and what the user can still do. */
export function unwritableRefusal(unwritable: Unwritable, target: SaveTarget): string {
  const outcome = target ? `${baseName(target.path)} was not created` : 'Not saved';
  return `${outcome}: ${unwritableWords(unwritable)}. Use Save with Encoding… to choose another; your text is kept here.`;
}

/** After Reopen with Encoding…: said only when the bytes did not all read as text in it. */
export function reopenedWords(name: string, encoding: string, lossy: boolean): string {
  const label = encodingName(encoding);
  if (!lossy) return `Reopened ${name} as ${label}.`;
  return (
    `Reopened ${name} as ${label}. Some of its bytes are not text in ${label} and show as “\ufffd”; ` +
    'saving would write “\ufffd” in their place, so reopen it with another encoding if the text looks wrong.'
  );
}

/** Reading the file as the chosen encoding gave no text (a UTF-16 file read as UTF-8, say). */
export const notTextIn = (name: string, encoding: string): string =>
  `Read as ${encodingName(encoding)}, ${name} does not look like text, so it was left as it was. Choose another encoding.`;

/** Asked before Reopen with Encoding… replaces unsaved text. */
export function reopenQuestion(name: string, encoding: string): { title: string; message: string } {
  const label = encodingName(encoding);
  return {
    title: `Reopen ${name} as ${label}?`,
    message: `Your unsaved changes to ${name} will be replaced by the file as it is in Dropbox, read as ${label}. A copy of them is kept in Opus's local history.`,
  };
}
