import { languageLabel } from '../editor/language-for-path.ts';
import { shortRev } from '../format.ts';
import type { SaveState } from '../state/save-state.ts';
import type { OpenDocument } from '../state/use-document.ts';

interface StatusBarProps {
  accountName: string;
  document: OpenDocument | null;
  language: string;
  saveState: SaveState;
}

function describeSave(state: SaveState, document: OpenDocument): string {
  switch (state.kind) {
    case 'saving':
      return 'Saving…';
    case 'saved':
      return document.dirty
        ? `Saved rev ${shortRev(state.rev)} · Unsaved changes`
        : `Saved rev ${shortRev(state.rev)}`;
    case 'conflict':
      return state.remote
        ? `Conflict: Dropbox has rev ${shortRev(state.remote.rev)}`
        : 'Conflict: the file was deleted in Dropbox';
    case 'copied':
      return `Your version was saved as ${state.path}`;
    case 'pending':
      return 'Offline: pending upload';
    case 'needs_confirmation':
      return 'Waiting for confirmation';
    case 'error':
      return state.message;
    case 'idle':
      return document.dirty ? 'Unsaved' : 'Saved';
  }
}

/** Account, path, rev, save state, encoding, line endings, language: the document at a glance. */
export function StatusBar({ accountName, document, language, saveState }: StatusBarProps) {
  const alert = saveState.kind === 'conflict' || saveState.kind === 'error';
  return (
    <footer className="status-bar">
      <span title="Account">{accountName}</span>
      {document && (
        <>
          <span className="status-path" title={`Path: ${document.remote.path}`}>
            {document.remote.path}
          </span>
          <span title="Revision">rev {shortRev(document.remote.rev)}</span>
          <span
            className={alert ? 'status-save alert' : 'status-save'}
            role="status"
            aria-label="Save state"
            data-state={saveState.kind}
          >
            {describeSave(saveState, document)}
          </span>
          <span className="spacer" />
          <span title="Encoding">
            {document.snapshot.format.encoding.toUpperCase()}
            {document.snapshot.format.bom ? ' with BOM' : ''}
          </span>
          <span title="Line endings">{document.snapshot.format.lineEnding.toUpperCase()}</span>
          <span title="Language">{languageLabel(language)}</span>
        </>
      )}
    </footer>
  );
}
