import { z } from 'zod';
import {
  AccountShape,
  AutoSaveShape,
  BrowserEntry,
  ConflictedCopyShape,
  ConflictResolutionSchema,
  DocumentId,
  DocumentSnapshot,
  DropboxPath,
  EditorTextShape,
  EncodingShape,
  FileFromOsShape,
  FolderPath,
  FoundFileShape,
  MergeChoiceShape,
  MergeHunkShape,
  MergeOriginSpanShape,
  MergeShape,
  PendingUploadShape,
  QuickOpenMatchShape,
  RemoteFileShape,
  RestoredDocument,
  RevisionShape,
  SaveResult,
  TextEditShape,
  UpdateBlockerShape,
  UpdateStateShape,
} from './shapes.ts';

const none = z.strictObject({});
const Rev = z.string().regex(/^[0-9a-f]{9,}$/);
/** The rev an editor's text is based on: '' for an untitled document, which has none yet. */
const BaseRev = z.union([z.literal(''), Rev]);
const nothing = z.null();
/** Monaco's version id of a model: it grows with every change. */
const EditorVersion = z.number().int().min(0);

const command = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) => ({
  request,
  response,
});

/**
 * Every command the renderer may call, declared once. Main validates each request against its schema
 * and each response before it leaves; the preload and the browser host expose exactly these names.
 */
export const commands = {
  getAppInfo: command(
    none,
    z.strictObject({
      provider: z.enum(['dropbox', 'localbox']),
      version: z.string(),
      platform: z.string(),
      /** Electron has native file dialogs; in the browser host the page picks and saves files itself. */
      nativeDialogs: z.boolean(),
    }),
  ),

  /** The Dropbox app key from Settings (null: none, so the embedded localbox is the account). */
  getSettings: command(
    none,
    z.strictObject({
      dropboxAppKey: z.string().nullable(),
      fromEnvironment: z.boolean(),
      autoSave: AutoSaveShape,
    }),
  ),
  /** Takes effect at once: the page saves by it (renderer/state/use-auto-save.ts). */
  setAutoSave: command(AutoSaveShape, nothing),
  /** Takes effect at the next start: the provider (Dropbox or localbox) is chosen once, at start. */
  setDropboxAppKey: command(
    z.strictObject({
      appKey: z
        .string()
        .regex(/^[a-z0-9]{5,40}$/, 'an app key is 5–40 lowercase letters and digits')
        .nullable(),
    }),
    z.strictObject({ restartRequired: z.boolean() }),
  ),
  /**
   * Who is signed in. The details fetched at sign-in or start are answered at once; `fresh` asks
   * Dropbox again (the Account panel's space used).
   */
  getAccount: command(
    z.strictObject({ fresh: z.boolean().optional() }),
    z.discriminatedUnion('signedIn', [
      z.strictObject({ signedIn: z.literal(false) }),
      z.strictObject({ signedIn: z.literal(true), account: AccountShape }),
    ]),
  ),
  /** Starts the system-browser sign-in; the outcome arrives as an `accountChanged` event. */
  signIn: command(none, z.strictObject({ authorizeUrl: z.string() })),
  /** The fallback: a page that shows a code to paste back. */
  startPasteCodeSignIn: command(none, z.strictObject({ authorizeUrl: z.string() })),
  completePasteCodeSignIn: command(z.strictObject({ code: z.string().min(1).max(512) }), AccountShape),
  signOut: command(none, nothing),

  listFolder: command(
    z.strictObject({ path: FolderPath, cursor: z.string().max(4096).optional() }),
    z.strictObject({ entries: z.array(BrowserEntry), cursor: z.string(), hasMore: z.boolean() }),
  ),
  createFolder: command(z.strictObject({ path: DropboxPath }), BrowserEntry),

  openDocument: command(z.strictObject({ path: DropboxPath }), DocumentSnapshot),
  /**
   * What the editor did to the text since it last said, within a second of typing: its edits, each applied
   * to the text the one before left, or (`text`) the whole text when main answered `applied: false` (it
   * no longer holds the version the edits start from). Main keeps its copy and the journal by these.
   * `baseRev`: the rev the editor's text is based on (a silent reload may have overtaken the typing).
   * `version`: the editor's version after these edits; `from`: before them.
   */
  editDocument: command(
    z.strictObject({
      documentId: DocumentId,
      baseRev: BaseRev,
      version: EditorVersion,
      change: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('edits'),
          from: EditorVersion,
          edits: z.array(TextEditShape).min(1).max(100_000),
        }),
        z.strictObject({ kind: z.literal('text'), text: EditorTextShape }),
      ]),
    }),
    /** `dirty`: whether the text, as of `version`, differs from Dropbox's (undo back to it is clean). */
    z.strictObject({ applied: z.boolean(), dirty: z.boolean() }),
  ),
  /**
   * Uploads main's copy of the text, which is the editor's at `version` (every edit up to it was sent
   * first), checked against `baseRev`, the rev the editor's text is based on.
   */
  saveDocument: command(
    z.strictObject({
      documentId: DocumentId,
      version: EditorVersion,
      baseRev: Rev,
      confirmed: z.boolean().optional(),
      /** Save with Encoding…: written in this encoding, which becomes the document's. */
      encoding: EncodingShape.optional(),
    }),
    SaveResult,
  ),
  /** Without `overwrite` an existing file at `path` is a conflict, so the page can ask before replacing it. */
  saveDocumentAs: command(
    z.strictObject({
      documentId: DocumentId,
      version: EditorVersion,
      path: DropboxPath,
      overwrite: z.boolean().optional(),
      /** Written in this encoding, which becomes the document's (text its own cannot hold). */
      encoding: EncodingShape.optional(),
    }),
    SaveResult,
  ),
  closeDocument: command(z.strictObject({ documentId: DocumentId }), nothing),
  /** Three-way merge of the base, the user's text and Dropbox's current version. */
  mergeConflict: command(z.strictObject({ documentId: DocumentId, version: EditorVersion }), MergeShape),
  /** The merged text from the user's choice for every conflicting hunk (all must be chosen). */
  applyMergeChoices: command(
    z.strictObject({
      hunks: z.array(MergeHunkShape).max(100_000),
      choices: z.record(z.string().regex(/^\d+$/), MergeChoiceShape),
    }),
    z.strictObject({ text: z.string(), origins: z.array(MergeOriginSpanShape) }),
  ),
  resolveConflict: command(
    z.strictObject({
      documentId: DocumentId,
      resolution: ConflictResolutionSchema,
      version: EditorVersion,
      /** The reviewed merge (use_merged only): the editor's text becomes it. */
      text: z.string().optional(),
    }),
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('saved'), remote: RemoteFileShape }),
      z.strictObject({ kind: z.literal('reloaded'), snapshot: DocumentSnapshot }),
      z.strictObject({ kind: z.literal('copied'), copy: RemoteFileShape, snapshot: DocumentSnapshot }),
      z.strictObject({ kind: z.literal('conflict'), remote: RemoteFileShape.nullable() }),
      /** Keep mine or a reviewed merge, chosen offline: the choice stands, and waits with the text. */
      PendingUploadShape,
    ]),
  ),
  /** Dropbox's conflicted copies of the document beside it (files/list_folder of its folder, paged). */
  findConflictedCopies: command(
    z.strictObject({ documentId: DocumentId }),
    z.strictObject({ copies: z.array(ConflictedCopyShape) }),
  ),
  /**
   * Three-way merge for a conflicted copy: base = the original's revision the copy diverged from (null:
   * none is known, so every difference is a conflict), mine = the document's text at `version`, theirs =
   * the copy. `merge.remoteRev` is the copy's rev.
   */
  mergeConflictedCopy: command(
    z.strictObject({ documentId: DocumentId, version: EditorVersion, copyPath: DropboxPath }),
    z.strictObject({ merge: MergeShape, copy: RemoteFileShape, ancestor: RevisionShape.nullable() }),
  ),
  /**
   * The reviewed merge saved over the original against the document's rev (one revision-checked upload),
   * and then the document's text. Dropbox moved on meanwhile: `conflict` (its version now), and nothing
   * changed, on Dropbox or in the document.
   */
  resolveConflictedCopy: command(
    z.strictObject({
      documentId: DocumentId,
      version: EditorVersion,
      copyPath: DropboxPath,
      copyRev: Rev,
      text: z.string(),
    }),
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('saved'), remote: RemoteFileShape, snapshot: DocumentSnapshot }),
      z.strictObject({ kind: z.literal('conflict'), remote: RemoteFileShape.nullable() }),
    ]),
  ),
  /**
   * Deletes a copy whose merge this document saved, and only while it is still the rev merged
   * (files/delete_v2 with parent_rev): any other copy, or one changed since, is refused.
   */
  deleteConflictedCopy: command(z.strictObject({ documentId: DocumentId, copyPath: DropboxPath }), nothing),
  getRestoredDocuments: command(none, z.array(RestoredDocument)),
  /** The files this account opened lately, newest first (at most 10). */
  getRecentFiles: command(
    none,
    z.array(z.strictObject({ path: z.string(), name: z.string(), openedAt: z.string() })),
  ),

  /**
   * Quick Open: the `limit` files anywhere in the Dropbox whose path best matches `query` fuzzily, recent
   * ones ranked up (an empty query: the recent ones). `source`: `index` when main's list of every path
   * answered, `search` when Dropbox's search_v2 did while that list is still being built.
   */
  quickOpen: command(
    z.strictObject({ query: z.string().max(1000), limit: z.number().int().min(1).max(200).optional() }),
    z.strictObject({ matches: z.array(QuickOpenMatchShape), source: z.enum(['index', 'search']) }),
  ),
  /** Find in Dropbox: files whose name or contents hold every word (contents where the account's plan allows). */
  findInDropbox: command(
    z.strictObject({ query: z.string().trim().min(1).max(1000) }),
    z.strictObject({ matches: z.array(FoundFileShape) }),
  ),

  listRevisions: command(
    z.strictObject({ path: DropboxPath }),
    z.strictObject({ isDeleted: z.boolean(), revisions: z.array(RevisionShape) }),
  ),
  getRevisionText: command(
    z.strictObject({ path: DropboxPath, rev: Rev }),
    z.strictObject({ revision: RevisionShape, text: z.string() }),
  ),
  /**
   * With `documentId` (the document open at `path`) the restored revision becomes that document's base,
   * replacing its unsaved text (kept in the local history first), and the new snapshot comes back, so the
   * watcher does not report the restore as a remote change. Refused (`conflict`) while the document is in
   * conflict, and (`binary_file`) for a revision that is not text, before Dropbox changes anything.
   */
  restoreRevision: command(
    z.strictObject({ path: DropboxPath, rev: Rev, documentId: DocumentId.optional() }),
    z.strictObject({ remote: RemoteFileShape, snapshot: DocumentSnapshot.optional() }),
  ),
  /** "Open as new document": the revision's exact bytes at `targetPath`; an existing file is a conflict. */
  saveRevisionAs: command(
    z.strictObject({ path: DropboxPath, rev: Rev, targetPath: DropboxPath }),
    RemoteFileShape,
  ),

  uploadLocalFile: command(
    z.strictObject({
      targetPath: DropboxPath,
      source: z.discriminatedUnion('kind', [
        /** A file picked in main's native dialog (chooseLocalFile): the page never names a local path. */
        z.strictObject({ kind: z.literal('choice'), choice: z.string().min(1).max(100) }),
        z.strictObject({ kind: z.literal('bytes'), name: z.string().min(1), base64: z.string() }),
      ]),
    }),
    RemoteFileShape,
  ),
  /** With `choice` (from chooseSaveLocation) main writes the file; without, the bytes come back for the page. */
  downloadToComputer: command(
    z.strictObject({ path: DropboxPath, choice: z.string().min(1).max(100).optional() }),
    z.strictObject({ name: z.string(), size: z.number().int().min(0), base64: z.string().optional() }),
  ),
  /** Copy Dropbox link: the file's shared link (made, or the one it already has); refused for a folder. */
  copyDropboxLink: command(z.strictObject({ path: DropboxPath }), z.strictObject({ url: z.string() })),
  /**
   * Show in Dropbox: the file's page (dropbox.com, or localbox's own), which main opens in the system
   * browser where there is one (Electron); the browser host's page opens it in a new tab itself.
   */
  showInDropbox: command(z.strictObject({ path: DropboxPath }), z.strictObject({ url: z.string() })),
  /**
   * Native dialogs (Electron only; null when cancelled or when the host has none). They answer with an
   * opaque single-use choice and the file's name, never its path.
   */
  chooseLocalFile: command(
    none,
    z.strictObject({ choice: z.string(), name: z.string(), size: z.number().int().min(0) }).nullable(),
  ),
  chooseSaveLocation: command(
    z.strictObject({ suggestedName: z.string().max(255) }),
    z.strictObject({ choice: z.string(), name: z.string() }).nullable(),
  ),
  /**
   * The window has asked about every unsaved tab (the `quit` menu command) and may close now. Electron
   * closes it; the browser host has no window of its own to close, so `closed` is false there.
   */
  closeWindow: command(none, z.strictObject({ closed: z.boolean() })),
  /**
   * A new, untitled document: no file on Dropbox yet (its remote has no path and rev ''), edited and
   * journaled like any other; its first save is a Save As (saveDocument refuses it).
   */
  newDocument: command(none, DocumentSnapshot),
  /**
   * Reopen with Encoding…: Dropbox's current bytes read again as `encoding`; the document's text and
   * format become them (unsaved text is replaced: the page asks first; main keeps it in the local
   * history). `lossy`: the encoding has no character for some bytes (shown as U+FFFD).
   */
  reopenDocumentWithEncoding: command(
    z.strictObject({ documentId: DocumentId, encoding: EncodingShape }),
    z.strictObject({ snapshot: DocumentSnapshot, lossy: z.boolean() }),
  ),
  /**
   * A text the page kept while the browser host's helper was stopped, whose file moved past its base on
   * Dropbox meanwhile: reopened on `baseRev` in a document of its own, showing `text`, as a journaled
   * text is after a crash (`remoteMoved`: the next save goes to the conflict prompt).
   */
  restoreKeptText: command(
    z.strictObject({ path: DropboxPath, baseRev: z.string().min(1), text: z.string() }),
    RestoredDocument,
  ),
  /** The files the OS asked Opus to open since the last call, in order (the filesFromOs event says so). */
  takeFilesFromOs: command(none, z.array(FileFromOsShape)),

  /** Where updating the app stands now, without asking the server (a page that starts late catches up). */
  getUpdateState: command(none, UpdateStateShape),
  /** Check for Updates…: asks the release server; a newer version then downloads in the background. */
  checkForUpdates: command(none, UpdateStateShape),
  /**
   * The user agrees to restart and install the downloaded update. Refused while a document is unsaved,
   * waits to be uploaded or is in conflict (`blockers` names them), or when nothing is downloaded.
   */
  installUpdate: command(
    none,
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('installing'), version: z.string() }),
      z.strictObject({ kind: z.literal('refused'), blockers: z.array(UpdateBlockerShape).min(1) }),
      z.strictObject({ kind: z.literal('not_ready') }),
    ]),
  ),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<N extends CommandName> = z.input<Commands[N]['request']>;
export type CommandResponse<N extends CommandName> = z.output<Commands[N]['response']>;
