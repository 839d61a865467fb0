import { type FormEvent, useEffect, useRef, useState } from 'react';
import { describeError, errorKind, type OpusApi, type RemoteFile } from '../opus.ts';
import { joinPath, stemLength } from '../state/dropbox-names.ts';
import { type LocalFile, uploadSource } from '../state/local-file.ts';
import { checkTarget, existsMessage } from '../state/target-name.ts';
import { useFolder } from '../state/use-folder.ts';
import { FolderBrowser } from './folder-browser.tsx';
import { LocalFilePicker } from './local-file-picker.tsx';
import { ModalDialog } from './modal-dialog.tsx';
import { TargetNameField } from './target-name-field.tsx';

interface UploadDialogProps {
  opus: OpusApi;
  nativeDialogs: boolean;
  initialFolder: string;
  /** A file already chosen (opened from the OS): the dialog starts at step 2. */
  initialFile?: LocalFile | undefined;
  onUploaded(remote: RemoteFile): void;
  onClose(): void;
}

/**
 * The seed's `put_file`: a file from this computer into Dropbox (working-draft.txt as /magnum-opus.txt).
 * Never replaces: the upload is add-only, so a taken name is refused and the dialog stays open.
 */
export function UploadDialog({
  opus,
  nativeDialogs,
  initialFolder,
  initialFile,
  onUploaded,
  onClose,
}: UploadDialogProps) {
  const folder = useFolder(opus, initialFolder);
  const [local, setLocal] = useState<LocalFile | null>(initialFile ?? null);
  const [name, setName] = useState(initialFile?.name ?? '');
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);

  // The name is what people change next (working-draft → magnum-opus), so it gets the caret.
  const focusName = (fileName: string) =>
    requestAnimationFrame(() => {
      field.current?.focus();
      field.current?.setSelectionRange(0, stemLength(fileName));
    });
  // biome-ignore lint/correctness/useExhaustiveDependencies: where the dialog's focus starts, once.
  useEffect(() => {
    if (initialFile) focusName(initialFile.name);
    else chooseButton.current?.focus();
  }, []);

  const choose = (picked: LocalFile) => {
    setLocal(picked);
    setName(picked.name);
    setFailure(null);
    focusName(picked.name);
  };

  const check = checkTarget(folder.path, folder.entries, name, 'refused');
  const ready = local !== null && check.problem === null && !folder.loading && !uploading;

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const targetPath = joinPath(folder.path, name);
    setUploading(true);
    setFailure(null);
    try {
      onUploaded(await opus.uploadLocalFile({ targetPath, source: await uploadSource(local) }));
    } catch (caught) {
      setFailure(errorKind(caught) === 'conflict' ? existsMessage(targetPath) : describeError(caught));
      setUploading(false);
      field.current?.focus();
    }
  };

  return (
    <ModalDialog label="Upload to Dropbox" onClose={onClose} className="browser-dialog upload-dialog">
      <h2>Upload to Dropbox</h2>
      <LocalFilePicker
        ref={chooseButton}
        opus={opus}
        nativeDialogs={nativeDialogs}
        chosen={local}
        disabled={uploading}
        onChoose={choose}
      />
      <h3 className="step">Where in Dropbox</h3>
      {/* Files are shown for context only: picking one would pick a name the upload must refuse. */}
      <FolderBrowser opus={opus} folder={folder} onActivateFile={() => {}} />
      <form onSubmit={(event) => void upload(event)}>
        <TargetNameField
          ref={field}
          label="File name"
          name={name}
          check={check}
          serverProblem={failure}
          disabled={uploading || local === null}
          onChange={(typed) => {
            setName(typed);
            setFailure(null);
          }}
        />
        <div className="dialog-buttons">
          <p className="progress" role="status">
            {uploading && local ? `Uploading ${local.name}…` : ''}
          </p>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!ready}>
            Upload
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
