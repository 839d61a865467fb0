import type { CommandId } from '../commands.ts';

interface ToolbarProps {
  accountName: string;
  hasDocument: boolean;
  online: boolean;
  onRun(command: CommandId): void;
}

/** The Dropbox menu's commands as buttons, for the browser host (which has no application menu). */
export function Toolbar({ accountName, hasDocument, online, onRun }: ToolbarProps) {
  const button = (command: CommandId, label: string, title: string, needsDocument = true) => (
    <button
      type="button"
      onClick={() => onRun(command)}
      disabled={needsDocument && !hasDocument}
      title={title}
    >
      {label}
    </button>
  );
  return (
    <header className="toolbar" role="toolbar" aria-label="Document">
      {button('open', 'Open…', 'Open from Dropbox (Ctrl+O)', false)}
      {button('save', 'Save', 'Save (Ctrl+S)')}
      {button('saveAs', 'Save As…', 'Save As (Ctrl+Shift+S)')}
      <span className="toolbar-gap" />
      {button('uploadLocalFile', 'Upload…', 'Upload a file from this computer to Dropbox', false)}
      {button('downloadToComputer', 'Download…', 'Download this file to this computer')}
      {button('revisionHistory', 'History…', 'Revision history of this file')}
      <span className="spacer" />
      {!online && (
        <span className="offline-badge" role="status">
          Offline
        </span>
      )}
      <button type="button" className="quiet" onClick={() => onRun('commandPalette')} title="Ctrl+Shift+P">
        Commands
      </button>
      <button
        type="button"
        className="quiet account-button"
        onClick={() => onRun('account')}
        aria-label={`Account: ${accountName}`}
      >
        {accountName}
      </button>
    </header>
  );
}
