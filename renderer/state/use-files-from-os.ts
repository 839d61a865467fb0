import { useEffect, useRef, useState } from 'react';
import { type CommandResponse, describeError, type OpusApi } from '../opus.ts';
import { fromChoice, type LocalFile } from './local-file.ts';
import type { WorkspaceControls } from './use-workspace.ts';

type FileFromOs = CommandResponse<'takeFilesFromOs'>[number];
type Refused = Extract<FileFromOs, { kind: 'refused' }>;

const WHY: Record<Refused['reason'], string> = {
  missing: 'no longer on this computer',
  not_a_file: 'a folder, not a file',
};

/** The notice for files the OS named that Opus cannot open. */
export function refusedFilesSentence(refused: readonly Refused[]): string {
  const [only] = refused;
  if (refused.length === 1 && only) return `Could not open ${only.name}: it is ${WHY[only.reason]}.`;
  return `Could not open ${refused.map((file) => `${file.name} (${WHY[file.reason]})`).join(', ')}.`;
}

/**
 * Files the OS asked Opus to open (core/wiring/files-from-os-inbox.ts), taken once the workspace can
 * open them and again whenever more arrive: a Dropbox file opens in its tab the way the Open dialog
 * opens it; a local one opens the Upload dialog with it chosen, one after another when the dialog is
 * free; the rest are a notice.
 */
export function useFilesFromOs(opus: OpusApi, ws: WorkspaceControls): void {
  const latest = useRef(ws);
  latest.current = ws;
  const [uploads, setUploads] = useState<LocalFile[]>([]);

  useEffect(() => {
    const take = async () => {
      const files: FileFromOs[] = await opus.takeFilesFromOs().catch((error: unknown) => {
        latest.current.setNotice({ tone: 'error', message: describeError(error) });
        return [];
      });
      for (const file of files) if (file.kind === 'dropbox') await latest.current.openPath(file.path);
      // After the opens: a successful open clears the notice line.
      const refused = files.filter((file): file is Refused => file.kind === 'refused');
      if (refused.length > 0)
        latest.current.setNotice({ tone: 'error', message: refusedFilesSentence(refused) });
      const chosen = files.flatMap((file) => (file.kind === 'upload' ? [fromChoice(file)] : []));
      if (chosen.length > 0) setUploads((waiting) => [...waiting, ...chosen]);
    };
    void take();
    return opus.onFilesFromOs(() => void take());
  }, [opus]);

  const { dialog, setDialog } = ws;
  useEffect(() => {
    const [next, ...rest] = uploads;
    if (dialog !== null || !next) return;
    setUploads(rest);
    setDialog({ kind: 'upload', chosen: next });
  }, [dialog, uploads, setDialog]);
}
