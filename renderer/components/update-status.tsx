import { useState } from 'react';
import { createPortal } from 'react-dom';
import { describeError, type OpusApi } from '../opus.ts';
import { useUpdateState } from '../state/use-updates.ts';
import type { Notice } from '../state/workspace-dialog.ts';
import { refusalWords, updateStatusWords } from '../update-words.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

interface UpdateStatusProps {
  opus: OpusApi;
  onNotice(notice: Notice): void;
}

/**
 * The status bar's word on an update: its download's percent, then "ready" with a button that asks the
 * user to agree to restart. The core refuses while a document waits on the user, and the notice says which.
 */
export function UpdateStatus({ opus, onNotice }: UpdateStatusProps) {
  const state = useUpdateState(opus);
  const [asking, setAsking] = useState(false);
  const words = updateStatusWords(state);
  if (!words) return null;

  const install = async () => {
    setAsking(false);
    try {
      const answer = await opus.installUpdate();
      if (answer.kind === 'refused') onNotice({ tone: 'info', message: refusalWords(answer) });
    } catch (error) {
      onNotice({ tone: 'error', message: describeError(error) });
    }
  };
  const percent = state.phase === 'downloading' ? state.percent : state.phase === 'available' ? 0 : null;

  return (
    <span className="status-update" role="status" aria-label="Update" data-phase={state.phase}>
      <span>{words}</span>
      {percent !== null && (
        <progress className="status-progress" max={100} value={percent} aria-label="Update download" />
      )}
      {state.phase === 'downloaded' && (
        <button type="button" className="status-update-button" onClick={() => setAsking(true)}>
          Restart to Install…
        </button>
      )}
      {asking &&
        state.phase === 'downloaded' &&
        // In the page's body, not the status bar, whose one-line small text it would take on.
        createPortal(
          <ConfirmDialog
            title="Restart to install the update?"
            message={`Opus closes, installs version ${state.version} and opens again.`}
            confirmLabel="Restart and Install"
            onConfirm={() => void install()}
            onCancel={() => setAsking(false)}
          />,
          document.body,
        )}
    </span>
  );
}
