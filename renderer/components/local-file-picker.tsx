import { type DragEvent, type Ref, useRef } from 'react';
import { formatSize } from '../format.ts';
import type { OpusApi } from '../opus.ts';
import { fromChoice, fromFile, type LocalFile } from '../state/local-file.ts';

interface LocalFilePickerProps {
  /** The "Choose file…" button, where the dialog starts. */
  ref?: Ref<HTMLButtonElement>;
  opus: OpusApi;
  nativeDialogs: boolean;
  chosen: LocalFile | null;
  disabled: boolean;
  onChoose(local: LocalFile): void;
}

/**
 * Step 1 of an upload: Electron's native open dialog, or in the browser host a visible button driving
 * a hidden file input (the input's own look cannot be styled). A file dropped here works in both.
 */
export function LocalFilePicker({
  ref,
  opus,
  nativeDialogs,
  chosen,
  disabled,
  onChoose,
}: LocalFilePickerProps) {
  const input = useRef<HTMLInputElement>(null);

  const choose = async () => {
    if (!nativeDialogs) return input.current?.click();
    const picked = await opus.chooseLocalFile();
    if (picked) onChoose(fromChoice(picked));
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onChoose(fromFile(file));
  };

  return (
    <section
      className="local-file"
      aria-label="File on this computer"
      onDragOver={(event) => event.preventDefault()}
      onDrop={drop}
    >
      <button ref={ref} type="button" disabled={disabled} onClick={() => void choose()}>
        Choose file…
      </button>
      <input
        ref={input}
        type="file"
        aria-label="Local file"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onChoose(fromFile(file));
        }}
      />
      {chosen ? (
        <p className="chosen-file">
          <span className="file-icon" aria-hidden="true" />
          <strong>{chosen.name}</strong>
          <span className="hint">{formatSize(chosen.size)}</span>
        </p>
      ) : (
        <p className="hint">No file chosen — or drop one here.</p>
      )}
    </section>
  );
}
