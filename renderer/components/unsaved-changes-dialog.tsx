import type { Closing } from '../state/workspace-dialog.ts';
import { ModalDialog } from './modal-dialog.tsx';

interface UnsavedChangesDialogProps {
  name: string;
  /** What is closing: this tab, or every tab (all, the window, sign-out: each unsaved tab in turn). */
  closing: Closing;
  onSave(): void;
  onDiscard(): void;
  onCancel(): void;
}

const CLOSING_WORDS: Record<Closing, string> = {
  tab: '',
  all: '',
  window: ' before Opus closes',
  signOut: ' before you sign out',
};

/** Closing a tab with unsaved changes: Save, Don't Save or Cancel, as every desktop editor asks. */
export function UnsavedChangesDialog({
  name,
  closing,
  onSave,
  onDiscard,
  onCancel,
}: UnsavedChangesDialogProps) {
  return (
    <ModalDialog label="Save changes?" onClose={onCancel} className="confirm">
      <h2>
        Save changes to {name}
        {CLOSING_WORDS[closing]}?
      </h2>
      <p>Your changes will be lost if you don't save them.</p>
      <div className="dialog-buttons">
        <button type="button" className="danger-quiet" onClick={onDiscard}>
          Don't Save
        </button>
        <span className="spacer" />
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {/* Saving is the safe default answer, so Enter keeps the text. */}
        <button type="button" className="primary" onClick={onSave} data-autofocus>
          Save
        </button>
      </div>
    </ModalDialog>
  );
}
