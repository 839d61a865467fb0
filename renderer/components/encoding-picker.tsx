import { useState } from 'react';
import { ENCODING_CHOICES, type EncodingChoice } from '../../electron/common/encodings.ts';
import { reopenQuestion } from '../encoding-words.ts';
import type { TextFormat } from '../opus.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { ModalDialog } from './modal-dialog.tsx';

interface EncodingPickerProps {
  /** Read the file again in the chosen encoding, or write it in it. */
  purpose: 'reopen' | 'save';
  name: string;
  format: TextFormat;
  /** Unsaved text: a reopen replaces it, so it asks first. */
  dirty: boolean;
  onPick(choice: EncodingChoice): void;
  onClose(): void;
}

// Reading has no BOM to choose (the bytes say), so a reopen lists each encoding once.
const READABLE = ENCODING_CHOICES.filter(
  (choice, index) => ENCODING_CHOICES.findIndex((other) => other.encoding === choice.encoding) === index,
);

/** The encodings Opus reads and writes, the file's own marked: Reopen with / Save with Encoding…. */
export function EncodingPicker({ purpose, name, format, dirty, onPick, onClose }: EncodingPickerProps) {
  const [confirming, setConfirming] = useState<EncodingChoice | null>(null);
  const reopen = purpose === 'reopen';
  const choices = reopen ? READABLE : ENCODING_CHOICES;
  const current = (choice: EncodingChoice) =>
    choice.encoding === format.encoding && (reopen || choice.bom === format.bom);
  const title = reopen ? `Reopen ${name} with Encoding` : `Save ${name} with Encoding`;

  if (confirming) {
    const question = reopenQuestion(name, confirming.encoding);
    return (
      <ConfirmDialog
        title={question.title}
        message={question.message}
        confirmLabel="Reopen"
        onConfirm={() => onPick(confirming)}
        onCancel={() => setConfirming(null)}
      />
    );
  }
  return (
    <ModalDialog label={title} onClose={onClose} className="encoding-picker">
      <h2>{title}</h2>
      <p className="hint">
        {reopen ? 'Read the file in Dropbox again as:' : 'Write the file to Dropbox in:'}
      </p>
      <ul aria-label="Encodings">
        {choices.map((choice) => (
          <li key={choice.label}>
            <button
              type="button"
              {...(current(choice) ? { 'data-autofocus': true, 'aria-current': true } : {})}
              onClick={() => (reopen && dirty ? setConfirming(choice) : onPick(choice))}
            >
              <span>{choice.label}</span>
              {current(choice) && <span className="current">current</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
