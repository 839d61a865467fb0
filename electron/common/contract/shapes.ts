import { z } from 'zod';

// The shapes that cross from main to the renderer. None of them can carry a token: there is no field
// for one, and every response is parsed through these strict schemas before it leaves main.

const path = z.string().min(1).max(1000).regex(/^\//, 'a Dropbox path starts with "/"');
export const DropboxPath = path;
export const FolderPath = z.union([z.literal(''), path]);

export const ErrorKindSchema = z.enum([
  'conflict',
  'not_found',
  'rate_limited',
  'offline',
  'auth_expired',
  'signed_out',
  'missing_scope',
  'too_large',
  'insufficient_space',
  'malformed_path',
  'binary_file',
  'unsupported_encoding',
  'guard',
  'local_io',
  'invalid_request',
  'update_failed',
  'unknown',
]);
/**
 * Every failure the user can meet, from a small closed set. The gateway maps Dropbox's `.tag` chains to
 * these once; everything above it branches on `kind`, and the renderer turns kinds into words.
 */
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

/**
 * A failure as it crosses to the page: the envelope of a failed command, what `window.opus` rejects with
 * (in Electron and in the browser host alike), and an account event's error.
 */
export const ContractErrorShape = z.strictObject({
  kind: ErrorKindSchema,
  /** Words for people, never a stack or a token. */
  message: z.string(),
  /**
   * True when the message is only the gateway's words for the kind, nothing of this case: the page's own
   * sentence, which can name the file and say what to do, reads better. False when the core said something
   * of this case (a local path, a sign-in step, an encoding): the page shows it as it is.
   */
  generic: z.boolean(),
  /** The facts of this failure the page acts on, as data (never parsed back out of the words). */
  detail: z.lazy(() => ErrorDetailShape).optional(),
});
export type ContractError = z.infer<typeof ContractErrorShape>;

/** What Opus keeps of a Dropbox file's metadata (the core's `RemoteFile`). */
export const RemoteFileShape = z.strictObject({
  name: z.string(),
  /** Display casing; use pathLower to compare. */
  path: z.string(),
  pathLower: z.string(),
  id: z.string(),
  rev: z.string(),
  size: z.number().int().min(0),
  contentHash: z.string(),
  /** Dropbox timestamps, ISO 8601 without fractional seconds. */
  serverModified: z.string(),
  clientModified: z.string(),
});
export type RemoteFileShape = z.infer<typeof RemoteFileShape>;

export const BrowserEntry = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('folder'), name: z.string(), path: z.string(), pathLower: z.string() }),
  /** Only in a refresh by cursor: this entry (and, for a folder, what it held) is gone. */
  z.strictObject({ kind: z.literal('deleted'), name: z.string(), path: z.string(), pathLower: z.string() }),
  z.strictObject({
    kind: z.literal('file'),
    name: z.string(),
    path: z.string(),
    pathLower: z.string(),
    size: z.number().int().min(0),
    serverModified: z.string(),
    rev: z.string(),
  }),
]);
export type BrowserEntry = z.infer<typeof BrowserEntry>;

export const LineEndingSchema = z.enum(['lf', 'crlf']);
export type LineEnding = z.infer<typeof LineEndingSchema>;

/** How a document's text is stored in its file; the journal stores it too (journal/journal-entry.ts). */
export const TextFormatShape = z.strictObject({
  /** `utf-8`, `utf-16le`, `utf-16be`, or a lower-case iconv-lite name such as `windows-1252` or `shift_jis`. */
  encoding: z.string(),
  /** Only UTF-8 and UTF-16 have one. */
  bom: z.boolean(),
  lineEnding: LineEndingSchema,
  /** Whether the file ended with a line ending when it was opened: shown to the user, not enforced. */
  finalNewline: z.boolean(),
});
export type TextFormat = z.infer<typeof TextFormatShape>;

export const AccountShape = z.strictObject({
  accountId: z.string(),
  displayName: z.string(),
  email: z.string(),
  used: z.number().min(0),
  allocated: z.number().min(0),
  /** Where the files live: real Dropbox, or the localbox on this computer. */
  provider: z.enum(['dropbox', 'localbox']),
});
export type AccountShape = z.infer<typeof AccountShape>;

export const DocumentId = z.string().min(1).max(100);

/**
 * Text as the editor holds it: "\n" is its only line break (Monaco's model is LF-only; the file's own
 * endings come back on save), so a CR here is a client's mistake, refused before it can shift offsets.
 */
export const EditorTextShape = z
  .string()
  .refine((text) => text.indexOf('\r') === -1, 'The editor\'s text has no CR: "\\n" is its only line break.');

/**
 * One change of an editor's text, as Monaco reports it: `remove` UTF-16 code units at offset `at` are
 * replaced by `insert`. Offsets count "\n" as one unit (the editor's only line break). A batch of edits
 * is applied in order, each to the text the one before left.
 */
export const TextEditShape = z.strictObject({
  at: z.number().int().min(0),
  remove: z.number().int().min(0),
  insert: EditorTextShape,
});
export type TextEdit = z.infer<typeof TextEditShape>;

/** A document as the editor loads it: the exact base text, and what it was based on. */
export const DocumentSnapshot = z.strictObject({
  documentId: DocumentId,
  remote: RemoteFileShape,
  text: z.string(),
  format: TextFormatShape,
});
export type DocumentSnapshot = z.infer<typeof DocumentSnapshot>;

/**
 * Where an open document stands (documents/document-state.ts has the transitions): its text equals
 * Dropbox's, or is typed on, or waits offline to be uploaded, or met a newer version on Dropbox and waits
 * for the user's choice.
 */
export const DocumentPhaseSchema = z.enum(['clean', 'dirty', 'pending_upload', 'conflict']);
export type DocumentPhase = z.infer<typeof DocumentPhaseSchema>;

export const ConflictShape = z.strictObject({
  documentId: DocumentId,
  /** The rev the user's text is based on. */
  baseRev: z.string(),
  /** What Dropbox has now; null when the file was deleted meanwhile. */
  remote: RemoteFileShape.nullable(),
  remoteText: z.string().nullable(),
  /** How many changed hunks the user's text has against the base. */
  myChanges: z.number().int().min(0),
});
export type ConflictShape = z.infer<typeof ConflictShape>;

/** Offline: the text is kept as a pending upload and sent (still revision-checked) when back online. */
export const PendingUploadShape = z.strictObject({ kind: z.literal('pending'), reason: ErrorKindSchema });

export const SaveResult = z.discriminatedUnion('kind', [
  /** `format`: how the file is now written (Save with Encoding… changes it). */
  z.strictObject({
    kind: z.literal('saved'),
    remote: RemoteFileShape,
    format: TextFormatShape.optional(),
  }),
  z.strictObject({ kind: z.literal('conflict'), conflict: ConflictShape }),
  /** The guard rail: saving would empty the file or remove most of it; ask, then save with `confirmed`. */
  z.strictObject({
    kind: z.literal('needs_confirmation'),
    reason: z.enum(['empty', 'most_removed']),
    removedRatio: z.number(),
  }),
  PendingUploadShape,
]);
export type SaveResult = z.infer<typeof SaveResult>;

/** Where a merged line came from: nobody's change, the user's, Dropbox's, or the same change on both. */
export const MergeOriginShape = z.enum(['unchanged', 'mine', 'theirs', 'both']);
export type MergeOrigin = z.infer<typeof MergeOriginShape>;

/** A run of merged lines from one origin, in document order; the runs cover the merged text. */
export const MergeOriginSpanShape = z.strictObject({
  origin: MergeOriginShape,
  lines: z.number().int().min(0),
});
export type MergeOriginSpan = z.infer<typeof MergeOriginSpanShape>;

/**
 * A stretch of a merge (documents/merge.ts): every line in a hunk's text ends with "\n", so an empty hunk
 * and one empty line stay distinct. Join them with the `applyMergeChoices` command, which knows how the
 * last line ends.
 */
export const MergeHunkShape = z.discriminatedUnion('kind', [
  /** Lines that merge by themselves; `origin` says whose change they are (a review marks them). */
  z.strictObject({ kind: z.literal('same'), text: z.string(), origin: MergeOriginShape }),
  z.strictObject({
    kind: z.literal('conflict'),
    id: z.number().int(),
    /** The 1-based line of the user's version where the hunk starts (where it would be, if empty). */
    line: z.number().int().min(1),
    base: z.string(),
    mine: z.string(),
    theirs: z.string(),
  }),
]);
export type MergeHunk = z.infer<typeof MergeHunkShape>;

/** A conflicting hunk's outcome. `custom` is the user's own lines for it (a missing final "\n" is added). */
export const MergeChoiceShape = z.union([
  z.enum(['mine', 'theirs', 'both']),
  z.strictObject({ custom: z.string() }),
]);
export type MergeChoice = z.infer<typeof MergeChoiceShape>;

/**
 * How the user settles a conflict: save their text over Dropbox's, take Dropbox's, keep theirs as a
 * conflicted copy beside it, or save the reviewed merge.
 */
export const ConflictResolutionSchema = z.enum(['keep_mine', 'take_theirs', 'save_copy', 'use_merged']);
export type ConflictResolution = z.infer<typeof ConflictResolutionSchema>;

export const MergeShape = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('clean'),
    text: z.string(),
    origins: z.array(MergeOriginSpanShape),
    remoteRev: z.string(),
  }),
  z.strictObject({ kind: z.literal('conflicted'), hunks: z.array(MergeHunkShape), remoteRev: z.string() }),
]);

export const RevisionShape = z.strictObject({
  rev: z.string(),
  size: z.number().int().min(0),
  serverModified: z.string(),
  contentHash: z.string(),
  path: z.string(),
});

/** A Dropbox conflicted copy beside an open document: its file, and whose copy of which day its name says. */
export const ConflictedCopyShape = z.strictObject({
  file: RemoteFileShape,
  who: z.string().nullable(),
  date: z.string().nullable(),
});
export type ConflictedCopy = z.infer<typeof ConflictedCopyShape>;

export const RestoredDocument = z.strictObject({
  snapshot: DocumentSnapshot,
  /** The unsaved text recovered from the journal. */
  text: z.string(),
  /** True when Dropbox's rev moved since the text was based on it: straight to the conflict flow. */
  remoteMoved: z.boolean(),
  /** The text could not be kept in this encoding (the file's, before): it is UTF-8 now. */
  formerEncoding: z.string().optional(),
});
export type RestoredDocument = z.infer<typeof RestoredDocument>;

/**
 * A file the OS asked Opus to open (core/wiring/files-from-os.ts decides which): a Dropbox file to open
 * the usual way, a local file to upload (an opaque choice, as chooseLocalFile gives: the page never
 * names a local path), or a refusal the page words.
 */
export const FileFromOsShape = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dropbox'), path: DropboxPath }),
  z.strictObject({
    kind: z.literal('upload'),
    choice: z.string(),
    name: z.string(),
    size: z.number().int().min(0),
  }),
  z.strictObject({ kind: z.literal('refused'), name: z.string(), reason: z.enum(['missing', 'not_a_file']) }),
]);
export type FileFromOsShape = z.infer<typeof FileFromOsShape>;

/** A save refused because its encoding cannot hold some characters (common/encodings.ts words it). */
export const UnwritableShape = z.strictObject({
  encoding: z.string(),
  characters: z.array(
    z.strictObject({
      character: z.string(),
      lines: z.array(z.number().int().min(1)),
      moreLines: z.number().int().min(0),
    }),
  ),
  moreCharacters: z.number().int().min(0),
});

/** What a contract error carries beside its words, by case. */
export const ErrorDetailShape = z.strictObject({
  unwritable: UnwritableShape.optional(),
  /** missing_scope: the permission Dropbox said the route needs ("files.content.write"). */
  missingScope: z.string().optional(),
});
export type ErrorDetailShape = z.infer<typeof ErrorDetailShape>;

/** An encoding to read or write a document in (common/encodings.ts lists the ones offered). */
export const EncodingShape = z.strictObject({
  encoding: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9_-]+$/, 'an encoding is a lower-case name such as utf-8 or iso-8859-1'),
  bom: z.boolean(),
});
export type EncodingShape = z.infer<typeof EncodingShape>;

/** Auto-save (Settings): off, after `delayMs` without an edit, or when the window loses focus. */
export const AutoSaveShape = z.strictObject({
  mode: z.enum(['off', 'delay', 'blur']),
  delayMs: z.number().int().min(200).max(60_000),
});
export type AutoSave = z.infer<typeof AutoSaveShape>;

/**
 * Where updating the desktop app stands (core/updates/updates.ts has the transitions): checked and up to
 * date, a newer version found and downloading, downloaded and waiting for the user's agreement, or
 * installing (Opus restarts). `offline` is no failure: the next check tries again.
 */
export const UpdateStateShape = z.discriminatedUnion('phase', [
  z.strictObject({ phase: z.literal('idle') }),
  z.strictObject({ phase: z.literal('checking') }),
  z.strictObject({ phase: z.literal('up_to_date'), version: z.string() }),
  z.strictObject({ phase: z.literal('available'), version: z.string() }),
  z.strictObject({
    phase: z.literal('downloading'),
    version: z.string(),
    percent: z.number().int().min(0).max(100),
  }),
  z.strictObject({ phase: z.literal('downloaded'), version: z.string() }),
  z.strictObject({ phase: z.literal('installing'), version: z.string() }),
  z.strictObject({ phase: z.literal('offline') }),
  z.strictObject({ phase: z.literal('failed'), error: ContractErrorShape }),
  /** This copy cannot update itself: the browser host has no updater, or the app was not installed from a release. */
  z.strictObject({ phase: z.literal('unavailable'), reason: z.enum(['browser', 'not_installed']) }),
]);
export type UpdateState = z.infer<typeof UpdateStateShape>;

/** An open document that keeps an update from installing now, and why (its phase). */
export const UpdateBlockerShape = z.strictObject({
  name: z.string(),
  phase: z.enum(['dirty', 'pending_upload', 'conflict']),
});
export type UpdateBlocker = z.infer<typeof UpdateBlockerShape>;

/** A file Quick Open offers: anywhere in the Dropbox; `recent`: opened lately, so ranked up. */
export const QuickOpenMatchShape = z.strictObject({
  path: z.string(),
  name: z.string(),
  recent: z.boolean(),
});
export type QuickOpenMatch = z.infer<typeof QuickOpenMatchShape>;

/** A file Find in Dropbox found, and whether its name, its contents or both matched. */
export const FoundFileShape = z.strictObject({
  path: z.string(),
  name: z.string(),
  matchedOn: z.enum(['name', 'content', 'both']),
});
export type FoundFile = z.infer<typeof FoundFileShape>;
