interface ToolbarProps {
  accountName: string;
  hasDocument: boolean;
  onOpen(): void;
  onSave(): void;
  onSaveAs(): void;
  onSignOut(): void;
}

export function Toolbar({ accountName, hasDocument, onOpen, onSave, onSaveAs, onSignOut }: ToolbarProps) {
  return (
    <header className="toolbar" role="toolbar" aria-label="Document">
      <button type="button" onClick={onOpen}>
        Open…
      </button>
      <button type="button" onClick={onSave} disabled={!hasDocument} title="Save (Ctrl+S)">
        Save
      </button>
      <button type="button" onClick={onSaveAs} disabled={!hasDocument} title="Save As (Ctrl+Shift+S)">
        Save As…
      </button>
      <span className="spacer" />
      <span className="account-name" title="Account">
        {accountName}
      </span>
      <button type="button" className="quiet" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
