import type { RestoredDocument } from '../opus.ts';
import type { Notice } from '../state/workspace-dialog.ts';

/** "Restored unsaved changes to a.txt and b.md …": one line for everything brought back. */
export function restoredNotice(restored: readonly RestoredDocument[]): Notice | null {
  const recovered = restored.filter((entry) => entry.text !== entry.snapshot.text || entry.remoteMoved);
  if (recovered.length === 0) return null;
  const names = recovered.map((entry) => entry.snapshot.remote.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const moved = recovered.filter((entry) => entry.remoteMoved).length;
  return {
    tone: 'info',
    message:
      `Restored unsaved changes to ${list} from before Opus closed.` +
      (moved > 0 ? ' The file changed on Dropbox meanwhile: choose how to combine the two versions.' : ''),
  };
}
