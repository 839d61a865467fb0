import { UTF8_CHOICE } from '../../electron/common/encodings.ts';
import { unwritableQuestion, unwritableRefusal } from '../encoding-words.ts';
import type { OpusApi } from '../opus.ts';
import { documentById } from '../state/documents-state.ts';
import { formatOf } from '../state/open-document.ts';
import { reopenWithEncoding } from '../state/reopen-with-encoding.ts';
import type { DocumentsControls } from '../state/use-documents.ts';
import type { WorkspaceControls } from '../state/use-workspace.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { EncodingPicker } from './encoding-picker.tsx';

interface EncodingDialogsProps {
  opus: OpusApi;
  ws: WorkspaceControls;
  docs: DocumentsControls;
}

const UTF8 = { encoding: UTF8_CHOICE.encoding, bom: UTF8_CHOICE.bom };

/**
 * The encodings' questions: the picker of Reopen with / Save with Encoding…, and, when a save met
 * characters its encoding cannot hold, the offer to save as UTF-8 (it belongs to the save state, as the
 * guard rail's question does, so Save, Save As and Save with Encoding… all end in it).
 */
export function EncodingDialogs({ opus, ws, docs }: EncodingDialogsProps) {
  const { dialog } = ws;
  const active = docs.active;
  const picking = dialog?.kind === 'encoding' ? documentById(docs.state, dialog.documentId) : null;
  const refused = active?.saveState.kind === 'unwritable' ? active.saveState : null;

  if (dialog?.kind === 'encoding' && picking) {
    const { documentId, purpose } = dialog;
    return (
      <EncodingPicker
        purpose={purpose}
        name={picking.remote.name}
        format={formatOf(picking)}
        dirty={picking.dirty}
        onClose={() => ws.setDialog(null)}
        onPick={(choice) => {
          ws.setDialog(null);
          const encoding = { encoding: choice.encoding, bom: choice.bom };
          if (purpose === 'save') return void ws.save(documentId, false, encoding);
          void reopenWithEncoding(opus, docs, documentId, choice).then(ws.setNotice);
        }}
      />
    );
  }
  if (!refused || !active || dialog !== null) return null;
  const documentId = active.snapshot.documentId;
  const { unwritable, target } = refused;
  const question = unwritableQuestion(active.remote.name, unwritable, target);
  return (
    <ConfirmDialog
      title={question.title}
      message={question.message}
      confirmLabel="Save as UTF-8"
      onConfirm={() =>
        void (target
          ? ws.saveAt(documentId, target.path, { overwrite: target.overwrite, encoding: UTF8 })
          : ws.save(documentId, false, UTF8))
      }
      onCancel={() =>
        docs.showSaveState(documentId, { kind: 'error', message: unwritableRefusal(unwritable, target) })
      }
    />
  );
}
