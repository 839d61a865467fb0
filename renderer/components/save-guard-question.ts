import type { SaveState } from '../state/save-state.ts';

type Guard = Extract<SaveState, { kind: 'needs_confirmation' }>;

/** What the guard rail asks before a save that would empty the file, or remove most of it. */
export function saveGuardQuestion(guard: Guard): { title: string; message: string } {
  return guard.reason === 'empty'
    ? { title: 'Save an empty document?', message: 'Saving now empties the file in Dropbox.' }
    : {
        title: 'Save with most of the text removed?',
        message: `Saving now removes ${Math.round(guard.removedRatio * 100)}% of the file in Dropbox.`,
      };
}
