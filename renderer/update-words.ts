// Words for people about updating the app (the core's states: electron/core/wiring/updates.ts).
import type { CommandResponse, EventPayload } from './opus.ts';
import { describeError } from './opus.ts';

export type UpdateState = EventPayload<'updateStateChanged'>;
type Refusal = Extract<CommandResponse<'installUpdate'>, { kind: 'refused' }>;

/** What the status bar shows of an update in progress; null when there is nothing to show there. */
export function updateStatusWords(state: UpdateState): string | null {
  switch (state.phase) {
    case 'available':
      return 'Downloading update 0 %';
    case 'downloading':
      return `Downloading update ${state.percent} %`;
    case 'downloaded':
      return 'Update ready — restart to install';
    case 'installing':
      return `Restarting to install Opus ${state.version}…`;
    default:
      return null;
  }
}

/** The answer to Check for Updates…, in a sentence. */
export function checkAnswerWords(state: UpdateState): string {
  switch (state.phase) {
    case 'idle':
    case 'checking':
      return 'Checking for updates…';
    case 'up_to_date':
      return `Opus is up to date (version ${state.version}).`;
    case 'available':
    case 'downloading':
      return `Opus ${state.version} is available. It downloads in the background; you choose when to restart.`;
    case 'downloaded':
    case 'installing':
      return `Opus ${state.version} is downloaded and ready to install when you restart.`;
    case 'offline':
      return "Opus can't reach its update server right now. It will check again later.";
    case 'failed':
      return describeError(state.error);
    case 'unavailable':
      return state.reason === 'browser'
        ? 'Updates come with the desktop app; this browser version runs what npm start built.'
        : "This copy of Opus can't update itself: it was not installed from a release.";
  }
}

const WAITS: Record<Refusal['blockers'][number]['phase'], string> = {
  dirty: 'has unsaved changes',
  pending_upload: 'waits to be uploaded to Dropbox',
  conflict: 'has a conflict to settle',
};

/** Why the restart was refused: each document that waits on the user, and what it waits for. */
export function refusalWords({ blockers }: Refusal): string {
  const each = blockers.map(({ name, phase }) => `${name} ${WAITS[phase]}`);
  const list = each.length > 1 ? `${each.slice(0, -1).join(', ')} and ${each.at(-1)}` : each[0];
  const them = each.length > 1 ? 'them' : 'it';
  return `Opus can't restart to install the update yet: ${list}. Save or settle ${them} first; the update waits.`;
}
