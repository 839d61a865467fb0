import { commandEntry } from '../../electron/common/menu-commands.ts';
import { type CommandId, shortcutOf } from '../commands.ts';

interface ToolbarProps {
  accountName: string;
  hasDocument: boolean;
  online: boolean;
  onRun(command: CommandId): void;
}

/** The tooltip: what the button does, and its key when it has one. */
function titleOf(command: CommandId): string {
  const hint = commandEntry(command).toolbar?.hint ?? '';
  const key = shortcutOf(command);
  if (!key) return hint;
  return hint ? `${hint} (${key})` : key;
}

/** The Dropbox menu's commands as buttons, for the browser host (which has no application menu). */
export function Toolbar({ accountName, hasDocument, online, onRun }: ToolbarProps) {
  const button = (command: CommandId, className?: string) => {
    const entry = commandEntry(command);
    return (
      <button
        type="button"
        className={className}
        onClick={() => onRun(command)}
        disabled={entry.needsDocument && !hasDocument}
        title={titleOf(command)}
      >
        {entry.toolbar?.label ?? entry.label}
      </button>
    );
  };
  return (
    <header className="toolbar" role="toolbar" aria-label="Document">
      {button('open')}
      {button('save')}
      {button('saveAs')}
      <span className="toolbar-gap" />
      {button('uploadLocalFile')}
      {button('downloadToComputer')}
      {button('revisionHistory')}
      <span className="spacer" />
      {!online && (
        <span className="offline-badge" role="status">
          Offline
        </span>
      )}
      {button('commandPalette', 'quiet')}
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
