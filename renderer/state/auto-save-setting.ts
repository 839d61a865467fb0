import { useEffect, useSyncExternalStore } from 'react';
import type { AutoSave } from '../../electron/common/contract/shapes.ts';
import type { OpusApi } from '../opus.ts';

export const AUTO_SAVE_OFF: AutoSave = { mode: 'off', delayMs: 1000 };

// One page, one setting: the workspace saves by it and Settings changes it, each without the other.
let current: AutoSave = AUTO_SAVE_OFF;
let loaded = false;
const listeners = new Set<() => void>();

function take(next: AutoSave): void {
  current = next;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Auto-save as Settings keeps it in main; off until main has answered. */
export function useAutoSaveSetting(opus: OpusApi): AutoSave {
  useEffect(() => {
    if (loaded) return;
    loaded = true;
    opus.getSettings().then(
      (settings) => take(settings.autoSave),
      () => {
        loaded = false;
      },
    );
  }, [opus]);
  return useSyncExternalStore(subscribe, () => current);
}

/** Settings' change: kept by main first, so what the page saves by is what the next start reads. */
export async function changeAutoSave(opus: OpusApi, next: AutoSave): Promise<void> {
  await opus.setAutoSave(next);
  loaded = true;
  take(next);
}
