import { encodingName } from '../../electron/common/encodings.ts';
import { baseName } from '../format.ts';
import type { RestoredDocument } from '../opus.ts';
import type { CarriedText } from '../state/kept-text-handover.ts';
import type { Notice } from '../state/workspace-dialog.ts';

/** Why the text came back, so the notice says what really happened. */
export interface RestoredContext {
  /** Texts this window kept while Opus's helper was stopped, now brought back in tabs. */
  carried?: readonly CarriedText[];
  /** Paths of texts this window kept that found no tab yet: they stay kept for the next start. */
  left?: readonly string[];
  /** Restored once someone signed in in this page: kept since the last sign-out, not after a crash. */
  afterSignIn?: boolean;
}

const listed = (names: readonly string[]) =>
  names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * "Restored unsaved changes to a.txt and b.md …": one line for everything brought back, tied to those
 * documents, so it narrows as each is saved, replaced or closed, and goes with the last.
 */
export function restoredNotice(
  restored: readonly RestoredDocument[],
  context: RestoredContext = {},
): Notice | null {
  const carried = context.carried ?? [];
  const carriedPaths = new Set(carried.map((entry) => entry.path.toLowerCase()));
  const recovered = restored.filter(
    (entry) =>
      (entry.text !== entry.snapshot.text || entry.remoteMoved) &&
      !carriedPaths.has(entry.snapshot.remote.pathLower),
  );
  const sentences: string[] = [];
  if (recovered.length > 0) {
    const names = recovered.map((entry) => entry.snapshot.remote.name);
    const when = context.afterSignIn ? 'from when you were last signed in' : 'from before Opus closed';
    sentences.push(`Restored unsaved changes to ${listed(names)} ${when}.`);
  }
  if (carried.length > 0) {
    const names = carried.map((entry) => baseName(entry.path));
    sentences.push(`Brought back what you typed in ${listed(names)} while Opus's helper was stopped.`);
    const beside = carried.filter((entry) => entry.beside).map((entry) => baseName(entry.path));
    if (beside.length > 0)
      sentences.push(
        `${listed(beside)} ${beside.length === 1 ? 'was' : 'were'} open already on another version, so that text is in a tab of its own, marked “kept text”.`,
      );
  }
  const left = context.left ?? [];
  if (left.length > 0) {
    const names = listed(left.map(baseName));
    sentences.push(
      `What you typed in ${names} while Opus's helper was stopped could not be opened now; this window keeps it, and it comes back the next time Opus starts.`,
    );
  }
  if (sentences.length === 0) return null;
  if (recovered.some((entry) => entry.remoteMoved) || carried.some((entry) => entry.remoteMoved))
    sentences.push('The file changed on Dropbox meanwhile: choose how to combine the two versions.');
  for (const entry of recovered) if (entry.formerEncoding) sentences.push(reencodedWords(entry));
  const documentIds = [
    ...recovered.map((entry) => entry.snapshot.documentId),
    ...carried.map((entry) => entry.documentId),
  ];
  return {
    tone: 'info',
    message: sentences.join(' '),
    about: {
      documentIds,
      narrowed: (still) =>
        restoredNotice(
          recovered.filter((entry) => still.includes(entry.snapshot.documentId)),
          { ...context, carried: carried.filter((entry) => still.includes(entry.documentId)) },
        ),
    },
  };
}

/** Why a restored text is UTF-8 now: its file's encoding could not hold it, so it was never left behind. */
function reencodedWords({ snapshot, formerEncoding = '' }: RestoredDocument): string {
  const name = snapshot.remote.name;
  return `The unsaved text of ${name} could not be kept in ${encodingName(formerEncoding)}; it is shown as UTF-8, and saving writes ${name} as UTF-8.`;
}
