import { autoSaveWords } from '../state/auto-save-policy.ts';
import type { AutoSaveView } from '../state/use-auto-save.ts';

interface AutoSaveStatusProps {
  autoSave: AutoSaveView;
  /** Where auto-save is turned on and off. */
  onOpenSettings(): void;
}

/** "Auto-save on" in the status bar, or "paused" where the active document waits on the user. */
export function AutoSaveStatus({ autoSave, onOpenSettings }: AutoSaveStatusProps) {
  const said = autoSaveWords(autoSave.setting, autoSave.active);
  if (!said) return null;
  return (
    <button
      type="button"
      className={said.stopped ? 'status-auto-save stopped' : 'status-auto-save'}
      title={`${said.title} Click to change it in Settings.`}
      onClick={onOpenSettings}
    >
      {said.words}
    </button>
  );
}
