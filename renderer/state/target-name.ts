import { joinPath, pathProblem } from './dropbox-names.ts';
import type { ListedEntry } from './use-folder.ts';

export interface TargetCheck {
  /** Why the name cannot be used: the dialog's main button stays disabled. */
  problem: string | null;
  /** Worth knowing but allowed (Save As over an existing file asks before replacing it). */
  note: string | null;
}

/**
 * Checks a name typed for a new file in `folder` against the listing on screen. Dropbox compares
 * names without case, so "Draft.txt" is taken by "draft.txt". The listing can be stale; the server's
 * own conflict answer stays the last word.
 */
export function checkTarget(
  folder: string,
  entries: readonly ListedEntry[],
  name: string,
  existingFile: 'asks' | 'refused',
): TargetCheck {
  const problem = pathProblem(folder, name);
  if (problem) return { problem, note: null };
  const taken = entries.find((entry) => entry.name.toLowerCase() === name.toLowerCase());
  if (taken?.kind === 'folder') {
    return { problem: `“${taken.name}” is a folder here — choose another name.`, note: null };
  }
  if (taken && existingFile === 'refused')
    return { problem: existsMessage(joinPath(folder, taken.name)), note: null };
  if (taken)
    return {
      problem: null,
      note: `“${taken.name}” already exists; you will be asked before it is replaced.`,
    };
  return { problem: null, note: null };
}

/** The upload's answer when the target is taken: the contract's upload has no overwrite. */
export function existsMessage(path: string): string {
  return `${path} already exists in Dropbox — choose another name.`;
}
