import { z } from 'zod';
import { MENU_COMMANDS } from '../menu-commands.ts';
import {
  AccountShape,
  ConflictedCopyShape,
  ContractErrorShape,
  DocumentId,
  DocumentPhaseSchema,
  DocumentSnapshot,
  RemoteFileShape,
  UpdateStateShape,
} from './shapes.ts';

/** Every event main pushes to the renderer, declared once. */
export const events = {
  accountChanged: z.strictObject({
    signedIn: z.boolean(),
    account: AccountShape.optional(),
    error: ContractErrorShape.optional(),
  }),
  /** The watcher saw Dropbox's conflicted copies beside an open document appear or go: all of them now. */
  conflictedCopiesChanged: z.strictObject({ documentId: DocumentId, copies: z.array(ConflictedCopyShape) }),
  /** The watcher saw Dropbox's copy of an open document change (rev and content both moved). */
  remoteChanged: z.strictObject({
    documentId: DocumentId,
    change: z.enum(['modified', 'deleted', 'moved']),
    remote: RemoteFileShape.optional(),
  }),
  /**
   * What main knows of an open document changed: whether the editor's text differs from Dropbox's, which
   * rev it is based on, and where it stands. `version` is the editor's version the state was judged on
   * (null: main set the text itself), so a window that has typed on since knows the news is older.
   * `theirs`, in a conflict only: what Dropbox has (null: the file was deleted there).
   */
  documentStateChanged: z.strictObject({
    documentId: DocumentId,
    phase: DocumentPhaseSchema,
    dirty: z.boolean(),
    version: z.number().int().nullable(),
    remote: RemoteFileShape,
    theirs: RemoteFileShape.nullable().optional(),
  }),
  /** A clean document was reloaded silently after a remote change. */
  documentReloaded: z.strictObject({ snapshot: DocumentSnapshot }),
  transferProgress: z.strictObject({
    transferId: z.string(),
    documentId: DocumentId.optional(),
    direction: z.enum(['upload', 'download']),
    sent: z.number().min(0),
    total: z.number().min(0),
  }),
  connectionChanged: z.strictObject({ online: z.boolean() }),
  /** A save made offline is waiting, was uploaded, or met a conflict when it was finally sent. */
  pendingUploadChanged: z.strictObject({
    documentId: DocumentId,
    state: z.enum(['pending', 'uploaded', 'conflict']),
    remote: RemoteFileShape.optional(),
  }),
  /** Files from the OS wait for the page: it takes them with takeFilesFromOs (once it can open them). */
  filesFromOs: z.strictObject({ waiting: z.number().int().min(1) }),
  /** Updating the app moved on: checking, downloading (percent), ready to install, or failed. */
  updateStateChanged: UpdateStateShape,
  /** The application menu (Electron) asks the window to run a command. */
  menuCommand: z.strictObject({ command: z.enum(MENU_COMMANDS) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
