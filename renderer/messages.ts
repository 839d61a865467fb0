// Words for people, one per error kind: what happened and what to do, and that the text is not lost.
import type { ContractError, ErrorKind } from '../electron/common/contract/shapes.ts';
import type { OpusScope } from '../electron/common/dropbox-scopes.ts';
import { baseName } from './format.ts';

/**
 * What the core said of a failure: the contract's error, whose `generic` words give way to the renderer's
 * sentence, or less of it: an Error thrown in the page has no kind (null), and is never generic.
 */
export type CoreWords = Omit<ContractError, 'kind'> & { kind: string | null };

/** What the caller knows about the failed call, so the sentence can name the file. */
export interface ErrorContext {
  path?: string | undefined;
  /** The call was opening the file: no text of it is here yet, so there is none to promise to keep. */
  opening?: boolean | undefined;
}

type Sentence = (file: { name: string | null; path: string | null }) => string;

const theFile = (name: string | null) => name ?? 'The file';

/** What each scope Opus asks for lets it do, as the end of "Opus was not allowed to …". */
const SCOPE_WORDS: Record<OpusScope, string> = {
  'account_info.read': 'see your Dropbox account',
  'files.metadata.read': 'see your files and folders',
  'files.content.read': 'read your files',
  'files.content.write': 'save to your Dropbox',
  'sharing.read': 'see your shared links',
  'sharing.write': 'make shared links',
};

/** A sign-in that was granted less than Opus needs: only signing in again can grant the rest. */
function missingScopeSentence(scope: string | undefined): string {
  const what = scope === undefined ? undefined : SCOPE_WORDS[scope as OpusScope];
  const doing = what ?? 'do that';
  const named = scope === undefined ? '' : ` (scope ${scope})`;
  return `Opus was not allowed to ${doing}${named}. Sign out and sign in again to grant it; your text is kept here.`;
}

const SENTENCES: Record<ErrorKind, Sentence> = {
  conflict: ({ name }) =>
    `${theFile(name)} was changed in Dropbox since you opened it. Your text is kept here; compare or merge the two versions before saving.`,
  not_found: ({ name }) =>
    `${theFile(name)} is not in Dropbox any more: it may have been moved, renamed or deleted. Your text is still open here; use Save As… to keep it.`,
  rate_limited: () => 'Dropbox is busy right now. Wait a moment and try again; your text is kept.',
  offline: () =>
    "Dropbox can't be reached. Your text is kept on this computer and saves will be sent when you're back online.",
  auth_expired: () =>
    'Your Dropbox session has expired. Sign in again; your unsaved text is kept on this computer.',
  signed_out: () =>
    "You're signed out of Dropbox. Sign in again to reach your files; your unsaved text is kept on this computer.",
  missing_scope: () => missingScopeSentence(undefined),
  too_large: ({ name }) =>
    `${theFile(name)} is too large for Dropbox to accept. Your text is still open here; nothing was changed in Dropbox.`,
  insufficient_space: ({ name }) =>
    `Your Dropbox is full, so ${name ?? 'the file'} was not saved. Free up some space in Dropbox and save again; your text is kept here.`,
  malformed_path: () =>
    "Dropbox doesn't accept that name or path. Choose a different name and try again; your text is kept here.",
  binary_file: ({ name }) =>
    `${name ?? 'This file'} looks like a binary file (an image, an archive or a program, for example), so Opus won't open it as text.`,
  unsupported_encoding: ({ name }) =>
    `${name ?? 'This file'} uses a text encoding Opus can't read and write back unchanged, so it was not opened. Nothing was changed in Dropbox.`,
  guard: ({ name }) =>
    `Opus stopped this save because it would empty ${name ?? 'the file'} or remove most of it. Nothing was changed in Dropbox; your text is still here.`,
  local_io: () =>
    "This computer couldn't read or write the file. Check that the disk has space and the folder can be written to; your text is still open here.",
  invalid_request: () => 'Dropbox refused the request. Please try again; your text is kept here.',
  update_failed: () =>
    'Opus could not update itself this time. It tries again later; your text is kept here.',
  unknown: () => 'Something unexpected went wrong. Your text is kept here; please try again.',
};

/** Where the general sentence would promise text that an open which failed never loaded. */
const OPENING_SENTENCES: Partial<Record<ErrorKind, Sentence>> = {
  not_found: ({ name }) =>
    `${theFile(name)} is not in Dropbox any more: it may have been moved, renamed or deleted, so it was not opened.`,
  offline: ({ name }) =>
    `Dropbox can't be reached, so ${name ?? 'the file'} was not opened. Try again when you're back online.`,
  rate_limited: ({ name }) =>
    `Dropbox is busy right now, so ${name ?? 'the file'} was not opened. Wait a moment and try again.`,
  // Nothing of the user's is at stake: the address (a link, usually) names no file Dropbox can have.
  malformed_path: ({ path }) =>
    `${path ?? 'That address'} is not the path of a Dropbox file, so nothing was opened. Check the link, or use Open… to choose the file.`,
};

/**
 * Kinds whose core messages never say more than the kind itself (the gateway's one-line words, or none
 * at all): the renderer's sentence, which can name the file and say what to do, always reads better.
 */
const RENDERER_WORDS_ONLY: ReadonlySet<ErrorKind> = new Set([
  'conflict',
  'auth_expired',
  'too_large',
  'insufficient_space',
  'malformed_path',
  'guard',
]);

const KINDS = new Set<string>(Object.keys(SENTENCES));

export const isErrorKind = (kind: unknown): kind is ErrorKind => typeof kind === 'string' && KINDS.has(kind);

/** The renderer's own sentence for a kind. */
export function sentenceFor(kind: ErrorKind, context: ErrorContext = {}): string {
  const sentence = (context.opening ? OPENING_SENTENCES[kind] : undefined) ?? SENTENCES[kind];
  return sentence({ name: context.path ? baseName(context.path) : null, path: context.path ?? null });
}

const FALLBACK = 'Something went wrong. Please try again; your text is kept here.';

/**
 * Chooses between the core's message and the renderer's sentence. The gateway's generic words give way
 * to the sentence; naming the file beats a core message that says "this file" when the kind is about one
 * file (binary, encoding); a specific core message (a sign-in step, a local path, an encoding name) beats
 * a general sentence otherwise.
 */
export function messageFor(core: CoreWords, context: ErrorContext = {}): string {
  const { kind } = core;
  const message = core.message.trim();
  if (!isErrorKind(kind)) return message || FALLBACK;
  if (kind === 'missing_scope') return missingScopeSentence(core.detail?.missingScope);
  if (RENDERER_WORDS_ONLY.has(kind) || message === '' || core.generic) return sentenceFor(kind, context);
  if (kind === 'binary_file' && context.path) return sentenceFor(kind, context);
  return message;
}

/**
 * The browser host's helper process stopped: nothing reaches Dropbox or the journal until it is started
 * again, and what is typed meanwhile is kept in the page (renderer/state/kept-texts.ts), if it could be.
 */
export function helperStoppedSentence(path: string | null, kept: boolean): string {
  const name = path ? baseName(path) : 'your file';
  return kept
    ? `Opus's helper stopped; what you type in ${name} is kept in this window until you start Opus again.`
    : `Opus's helper stopped, and this browser could not keep ${name}: copy your text somewhere safe.`;
}

/** A link named a folder, which Opus cannot open as text: the Open dialog shows what is in it. */
export const folderNotOpenedSentence = (path: string): string =>
  `${path} is a folder, not a file, so it was not opened. Choose a file in it to open.`;
