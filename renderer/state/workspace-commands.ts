import type { CommandId } from '../commands.ts';
import type { Closing, WorkspaceDialog } from './workspace-dialog.ts';

/** What the workspace lends the command list: its dialogs, and the actions commands start. */
export interface CommandActions {
  activeId: string | null;
  setDialog(dialog: WorkspaceDialog): void;
  closeAll(closing: Exclude<Closing, 'tab'>): void;
  newFile(): void;
  requestSignOut(): void;
  checkForUpdates(): void;
  save(documentId: string): void;
  requestClose(documentId: string): void;
  download(documentId: string): void;
  togglePreview(documentId: string): void;
  /** Copy Dropbox link, Show in Dropbox (renderer/state/dropbox-link.ts). */
  dropboxLink(documentId: string, command: 'copyDropboxLink' | 'showInDropbox'): void;
  /** Whether the document has a file on Dropbox (an untitled one is told it must be saved first). */
  onDropbox(documentId: string): boolean;
}

/**
 * What each command of electron/common/menu-commands.ts does in the page, however it was run (menu,
 * palette, toolbar, key). The commands below the first switch need an open document.
 */
export function runCommand(command: CommandId, actions: CommandActions) {
  const { setDialog, activeId } = actions;
  switch (command) {
    case 'newFile':
      return actions.newFile();
    case 'open':
      return setDialog({ kind: 'open' });
    case 'quickOpen':
    case 'findInDropbox':
      return setDialog({ kind: command });
    case 'uploadLocalFile':
      return setDialog({ kind: 'upload' });
    case 'account':
    case 'signIn':
      return setDialog({ kind: 'account' });
    case 'signOut':
      return actions.requestSignOut();
    case 'commandPalette':
      return setDialog({ kind: 'palette' });
    case 'settings':
      return setDialog({ kind: 'settings' });
    case 'checkForUpdates':
      return actions.checkForUpdates();
    case 'quit':
      return actions.closeAll('window');
  }
  if (!activeId) return;
  switch (command) {
    case 'save':
      return actions.save(activeId);
    case 'saveAs':
      return setDialog({ kind: 'saveAs', documentId: activeId });
    case 'downloadToComputer':
      return actions.download(activeId);
    case 'revisionHistory':
      if (actions.onDropbox(activeId)) setDialog({ kind: 'history', documentId: activeId });
      return;
    case 'copyDropboxLink':
    case 'showInDropbox':
      if (actions.onDropbox(activeId)) actions.dropboxLink(activeId, command);
      return;
    case 'resolveConflictedCopy':
      if (actions.onDropbox(activeId)) setDialog({ kind: 'conflictedCopy', documentId: activeId });
      return;
    case 'closeTab':
      return actions.requestClose(activeId);
    case 'closeAll':
      return actions.closeAll('all');
    case 'reopenWithEncoding':
      return setDialog({ kind: 'encoding', documentId: activeId, purpose: 'reopen' });
    case 'saveWithEncoding':
      return setDialog({ kind: 'encoding', documentId: activeId, purpose: 'save' });
    case 'togglePreview':
      return actions.togglePreview(activeId);
    default: {
      // Every listed command has its case: one added to menu-commands.ts without one fails to compile.
      const unhandled: never = command;
      return unhandled;
    }
  }
}
