import { type KeyboardEvent, useEffect, useState } from 'react';
import type { AutoSave } from '../../electron/common/contract/shapes.ts';
import { describeError, type OpusApi } from '../opus.ts';
import { changeAutoSave, useAutoSaveSetting } from '../state/auto-save-setting.ts';

const MODES: readonly { mode: AutoSave['mode']; label: string }[] = [
  { mode: 'off', label: 'Off' },
  { mode: 'delay', label: 'After a pause in typing' },
  { mode: 'blur', label: 'When the window loses focus' },
];

/** The pause as typed, in seconds, within what the contract takes (0.2–60 s); null: not a pause. */
function pauseOf(typed: string): number | null {
  const seconds = Number(typed.replace(',', '.'));
  if (typed.trim() === '' || !Number.isFinite(seconds)) return null;
  const ms = Math.round(seconds * 1000);
  return ms >= 200 && ms <= 60_000 ? ms : null;
}

/** Settings' auto-save: takes effect at once, in this window and at the next start. */
export function AutoSaveSettings({ opus }: { opus: OpusApi }) {
  const setting = useAutoSaveSetting(opus);
  const [typed, setTyped] = useState(String(setting.delayMs / 1000));
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => setTyped(String(setting.delayMs / 1000)), [setting.delayMs]);

  const change = (next: AutoSave) => {
    setFailure(null);
    changeAutoSave(opus, next).catch((error: unknown) => setFailure(describeError(error)));
  };
  const pause = pauseOf(typed);
  const commitPause = () => {
    if (pause !== null && pause !== setting.delayMs) change({ ...setting, delayMs: pause });
  };
  // Enter takes the pause rather than submitting Settings' form (the app key's Save).
  const onPauseKey = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    commitPause();
  };

  return (
    <fieldset className="settings-auto-save">
      <legend>Auto-save</legend>
      <label htmlFor="settings-auto-save">Save by itself</label>
      <select
        id="settings-auto-save"
        value={setting.mode}
        onChange={(event) => change({ ...setting, mode: event.target.value as AutoSave['mode'] })}
        aria-describedby="settings-auto-save-hint"
      >
        {MODES.map(({ mode, label }) => (
          <option key={mode} value={mode}>
            {label}
          </option>
        ))}
      </select>
      {setting.mode === 'delay' && (
        <>
          <label htmlFor="settings-auto-save-pause">Pause before saving (seconds)</label>
          <input
            id="settings-auto-save-pause"
            type="number"
            min={0.2}
            max={60}
            step={0.1}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onBlur={commitPause}
            onKeyDown={onPauseKey}
            aria-invalid={pause === null}
          />
        </>
      )}
      <p id="settings-auto-save-hint" className="hint">
        Each auto-save is a Save: it never writes over a newer version in Dropbox, an offline save or a
        question waiting for you — it stops and says so. New documents are saved by hand first, to name them.
      </p>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </fieldset>
  );
}
