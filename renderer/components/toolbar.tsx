import { commandEntry } from '../../electron/common/menu-commands.ts';
import { type CommandId, shortcutOf } from '../commands.ts';
import { ToolbarMoreMenu } from './toolbar-more-menu.tsx';

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

/** Buttons a narrow window moves into the More menu (workspace.css), so the toolbar stays one row. */
const LESS_USED: readonly CommandId[] = ['uploadLocalFile', 'downloadToComputer', 'revisionHistory'];

/** The Dropbox menu's commands as buttons, for the browser host (which has no application menu). */
export function Toolbar({ accountName, hasDocument, online, onRun }: ToolbarProps) {
  const labelOf = (command: CommandId) => {
    const entry = commandEntry(command);
    return entry.toolbar?.label ?? entry.label;
  };
  const disabled = (command: CommandId) => commandEntry(command).needsDocument && !hasDocument;
  const button = (command: CommandId, className?: string) => {
    return (
      <button
        key={command}
        type="button"
        className={className}
        onClick={() => onRun(command)}
        disabled={disabled(command)}
        title={titleOf(command)}
      >
        {labelOf(command)}
      </button>
    );
  };
  return (
    <header className="toolbar" role="toolbar" aria-label="Document">
      {button('open')}
      {button('save')}
      {button('saveAs')}
      <span className="toolbar-gap" />
      {LESS_USED.map((command) => button(command, 'toolbar-wide'))}
      <ToolbarMoreMenu
        items={LESS_USED.map((command) => ({
          command,
          label: labelOf(command),
          title: titleOf(command),
          disabled: disabled(command),
        }))}
        onRun={onRun}
      />
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
        title={accountName}
      >
        {accountName}
      </button>
    </header>
  );
}
