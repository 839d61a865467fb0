import { ModalDialog } from './modal-dialog.tsx';

interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/** A yes/no question; Cancel has the focus, so Enter never confirms a destructive choice by accident. */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <ModalDialog label={title} onClose={onCancel} className="confirm">
      <h2>{title}</h2>
      <p>{message}</p>
      <div className="dialog-buttons">
        {/* The dialog's safe default answer gets the focus (modal-dialog.tsx). */}
        <button type="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
